package dev.apigw.websocket;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ManagementEndpoint}.
 */
class ManagementEndpointTests {

	@Test
	void executeApiHostGivesApiIdRegionAndStage() {
		ManagementEndpoint endpoint = ManagementEndpoint
			.of(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"));
		assertThat(endpoint).isEqualTo(new ManagementEndpoint(
				URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"), "abc123", "prod", "eu-west-1"));
		assertThat(endpoint.apiTag()).isEqualTo("abc123");
		assertThat(endpoint.stageTag()).isEqualTo("prod");
	}

	@Test
	void webSocketSchemesAreNormalisedToHttpAndEverySchemeToLowerCase() {
		assertThat(ManagementEndpoint.of(URI.create("wss://abc123.execute-api.us-east-1.amazonaws.com/dev/")).uri())
			.isEqualTo(URI.create("https://abc123.execute-api.us-east-1.amazonaws.com/dev/"));
		assertThat(ManagementEndpoint.of(URI.create("ws://127.0.0.1:8080/local")).uri())
			.isEqualTo(URI.create("http://127.0.0.1:8080/local"));
		assertThat(ManagementEndpoint.of(URI.create("WSS://abc123.execute-api.us-east-1.amazonaws.com/dev")).uri())
			.isEqualTo(URI.create("https://abc123.execute-api.us-east-1.amazonaws.com/dev"));
		assertThat(ManagementEndpoint.of(URI.create("HTTPS://ws.example.com/chat")).uri())
			.isEqualTo(URI.create("https://ws.example.com/chat"));
	}

	@Test
	void executeApiEndpointIsBuiltFromApiIdRegionAndStage() {
		assertThat(ManagementEndpoint.executeApi("abc123", "eu-central-1", "prod"))
			.isEqualTo(new ManagementEndpoint(URI.create("https://abc123.execute-api.eu-central-1.amazonaws.com/prod"),
					"abc123", "prod", "eu-central-1"));
		assertThat(ManagementEndpoint.executeApi("abc123", "cn-north-1", "prod").uri())
			.isEqualTo(URI.create("https://abc123.execute-api.cn-north-1.amazonaws.com.cn/prod"));
		assertThat(ManagementEndpoint.EXECUTE_API_TEMPLATE)
			.isEqualTo("https://{api-id}.execute-api.{region}.amazonaws.com/{stage}");
	}

	@Test
	void customDomainIsTaggedWithItsHostAndBasePath() {
		ManagementEndpoint endpoint = ManagementEndpoint.of(URI.create("https://ws.example.com/chat"));
		assertThat(endpoint.apiId()).isNull();
		assertThat(endpoint.region()).isNull();
		assertThat(endpoint.apiTag()).isEqualTo("ws.example.com");
		assertThat(endpoint.stageTag()).isEqualTo("chat");
	}

	@Test
	void endpointWithoutPathHasNoStage() {
		ManagementEndpoint endpoint = ManagementEndpoint.of(URI.create("http://127.0.0.1:9000"));
		assertThat(endpoint.stage()).isNull();
		assertThat(endpoint.stageTag()).isEqualTo("none");
	}

	@Test
	void relativeUriIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> ManagementEndpoint.of(URI.create("/prod")))
			.withMessageContaining("'uri' must be an absolute URI with a host");
	}

}
