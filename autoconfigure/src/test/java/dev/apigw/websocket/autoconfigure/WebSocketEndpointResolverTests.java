package dev.apigw.websocket.autoconfigure;

import java.net.URI;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

import dev.apigw.websocket.autoconfigure.WebSocketEndpointResolver.ResolvedEndpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WebSocketEndpointResolver}.
 */
class WebSocketEndpointResolverTests {

	private static final Supplier<Region> CHAIN = () -> Region.AP_SOUTHEAST_2;

	private static final Supplier<Region> NO_CHAIN = () -> {
		throw SdkClientException.create("Unable to load region from any of the providers in the chain");
	};

	@Test
	void executeApiEndpointGivesItsRegion() {
		ResolvedEndpoint resolved = resolve(endpoint("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"),
				NO_CHAIN);
		assertThat(resolved.uri()).isEqualTo(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"));
		assertThat(resolved.region()).isEqualTo(Region.EU_WEST_1);
	}

	@Test
	void wssIsNormalisedToHttpsAndTrailingSlashRemoved() {
		ResolvedEndpoint resolved = resolve(endpoint("wss://abc123.execute-api.us-east-2.amazonaws.com/prod/"),
				NO_CHAIN);
		assertThat(resolved.uri()).isEqualTo(URI.create("https://abc123.execute-api.us-east-2.amazonaws.com/prod"));
		assertThat(resolved.region()).isEqualTo(Region.US_EAST_2);
	}

	@Test
	void chinaExecuteApiHostGivesItsRegion() {
		ResolvedEndpoint resolved = resolve(endpoint("https://abc123.execute-api.cn-north-1.amazonaws.com.cn/prod"),
				NO_CHAIN);
		assertThat(resolved.region()).isEqualTo(Region.CN_NORTH_1);
	}

	@Test
	void stagePropertyIsAppendedToEndpointWithoutPath() {
		WebSocketProperties properties = endpoint("https://abc123.execute-api.eu-west-1.amazonaws.com");
		properties.setStage("prod");
		assertThat(resolve(properties, NO_CHAIN).uri())
			.isEqualTo(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"));
	}

	@Test
	void stagePropertyMatchingEndpointPathIsAccepted() {
		WebSocketProperties properties = endpoint("https://abc123.execute-api.eu-west-1.amazonaws.com/prod");
		properties.setStage("prod");
		assertThat(resolve(properties, NO_CHAIN).uri().getPath()).isEqualTo("/prod");
	}

	@Test
	void stagePropertyConflictingWithEndpointPathFails() {
		WebSocketProperties properties = endpoint("https://abc123.execute-api.eu-west-1.amazonaws.com/prod");
		properties.setStage("dev");
		assertInvalid(properties, "apigw.websocket.stage", "conflicts");
	}

	@Test
	void apiIdStageAndRegionBuildTheEndpoint() {
		WebSocketProperties properties = apiId("abc123");
		properties.setStage("prod");
		properties.setRegion("eu-central-1");
		ResolvedEndpoint resolved = resolve(properties, NO_CHAIN);
		assertThat(resolved.uri()).isEqualTo(URI.create("https://abc123.execute-api.eu-central-1.amazonaws.com/prod"));
		assertThat(resolved.region()).isEqualTo(Region.EU_CENTRAL_1);
	}

	@Test
	void apiIdWithoutRegionUsesTheRegionChain() {
		WebSocketProperties properties = apiId("abc123");
		properties.setStage("prod");
		ResolvedEndpoint resolved = resolve(properties, CHAIN);
		assertThat(resolved.uri())
			.isEqualTo(URI.create("https://abc123.execute-api.ap-southeast-2.amazonaws.com/prod"));
		assertThat(resolved.region()).isEqualTo(Region.AP_SOUTHEAST_2);
	}

	@Test
	void apiIdInChinaUsesTheChinaDomain() {
		WebSocketProperties properties = apiId("abc123");
		properties.setStage("prod");
		properties.setRegion("cn-northwest-1");
		assertThat(resolve(properties, NO_CHAIN).uri().getHost())
			.isEqualTo("abc123.execute-api.cn-northwest-1.amazonaws.com.cn");
	}

	@Test
	void apiIdWithoutRegionAndNoRegionChainFailsNamingRegion() {
		WebSocketProperties properties = apiId("abc123");
		properties.setStage("prod");
		assertInvalid(properties, "apigw.websocket.region", "No region");
	}

	@Test
	void apiIdWithoutStageFailsNamingStage() {
		WebSocketProperties properties = apiId("abc123");
		assertInvalid(properties, "apigw.websocket.stage", "without 'apigw.websocket.stage'");
	}

	@Test
	void malformedApiIdFailsNamingApiId() {
		WebSocketProperties properties = apiId("abc.123");
		properties.setStage("prod");
		properties.setRegion("eu-west-1");
		assertInvalid(properties, "apigw.websocket.api-id", "'abc.123' is not valid");
	}

	@Test
	void customDomainWithRegionKeepsItsBasePath() {
		WebSocketProperties properties = endpoint("https://ws.example.com/chat/");
		properties.setRegion("eu-west-1");
		ResolvedEndpoint resolved = resolve(properties, NO_CHAIN);
		assertThat(resolved.uri()).isEqualTo(URI.create("https://ws.example.com/chat"));
		assertThat(resolved.region()).isEqualTo(Region.EU_WEST_1);
	}

	@Test
	void customDomainAtItsRootIsAccepted() {
		WebSocketProperties properties = endpoint("wss://ws.example.com");
		properties.setRegion("eu-west-1");
		assertThat(resolve(properties, NO_CHAIN).uri()).isEqualTo(URI.create("https://ws.example.com"));
	}

	@Test
	void customDomainWithoutRegionFailsNamingRegion() {
		assertInvalid(endpoint("https://ws.example.com/chat"), "apigw.websocket.region", "custom domain");
	}

	@Test
	void loopbackHttpWithoutStageIsAccepted() {
		ResolvedEndpoint resolved = resolve(endpoint("http://127.0.0.1:8089"), NO_CHAIN);
		assertThat(resolved.uri()).isEqualTo(URI.create("http://127.0.0.1:8089"));
		assertThat(resolved.region()).isNull();
	}

	@Test
	void loopbackForms() {
		assertThat(WebSocketEndpointResolver.isLoopback("localhost")).isTrue();
		assertThat(WebSocketEndpointResolver.isLoopback("127.0.0.2")).isTrue();
		assertThat(WebSocketEndpointResolver.isLoopback("[::1]")).isTrue();
		assertThat(WebSocketEndpointResolver.isLoopback("10.0.0.1")).isFalse();
		assertThat(WebSocketEndpointResolver.isLoopback("example.com")).isFalse();
	}

	@Test
	void wsLoopbackIsNormalisedToHttpAndKeepsStageAndRegion() {
		WebSocketProperties properties = endpoint("ws://localhost:9000/local");
		properties.setRegion("us-east-1");
		ResolvedEndpoint resolved = resolve(properties, NO_CHAIN);
		assertThat(resolved.uri()).isEqualTo(URI.create("http://localhost:9000/local"));
		assertThat(resolved.region()).isEqualTo(Region.US_EAST_1);
	}

	@Test
	void plainHttpForRemoteHostFails() {
		assertInvalid(endpoint("http://abc123.execute-api.eu-west-1.amazonaws.com/prod"), "apigw.websocket.endpoint",
				"loopback hosts only");
	}

	@Test
	void executeApiHostWithoutStageFailsNamingStage() {
		assertInvalid(endpoint("https://abc123.execute-api.eu-west-1.amazonaws.com/"), "apigw.websocket.stage",
				"without a stage");
	}

	@Test
	void regionNotMatchingExecuteApiHostFailsNamingRegion() {
		WebSocketProperties properties = endpoint("https://abc123.execute-api.eu-west-1.amazonaws.com/prod");
		properties.setRegion("us-east-1");
		assertInvalid(properties, "apigw.websocket.region", "does not match the region 'eu-west-1'");
	}

	@Test
	void missingEndpointFailsNamingEndpoint() {
		assertInvalid(new WebSocketProperties(), "apigw.websocket.endpoint", "No API Gateway WebSocket endpoint");
	}

	@Test
	void malformedEndpointFailsNamingEndpoint() {
		assertInvalid(endpoint("https://exa mple.com/prod"), "apigw.websocket.endpoint", "not a valid URI");
	}

	@Test
	void unsupportedSchemeFails() {
		assertInvalid(endpoint("ftp://abc123.execute-api.eu-west-1.amazonaws.com/prod"), "apigw.websocket.endpoint",
				"must start with https://");
	}

	@Test
	void endpointWithQueryFails() {
		assertInvalid(endpoint("https://abc123.execute-api.eu-west-1.amazonaws.com/prod?x=1"),
				"apigw.websocket.endpoint", "query");
	}

	@Test
	void endpointAndApiIdTogetherFail() {
		WebSocketProperties properties = endpoint("https://abc123.execute-api.eu-west-1.amazonaws.com/prod");
		properties.setApiId("abc123");
		assertInvalid(properties, "apigw.websocket.endpoint", "set only one of them");
	}

	@Test
	void malformedRegionFails() {
		WebSocketProperties properties = endpoint("https://ws.example.com");
		properties.setRegion("Europe");
		assertInvalid(properties, "apigw.websocket.region", "not a valid AWS region");
	}

	private static WebSocketProperties endpoint(String endpoint) {
		WebSocketProperties properties = new WebSocketProperties();
		properties.setEndpoint(endpoint);
		return properties;
	}

	private static WebSocketProperties apiId(String apiId) {
		WebSocketProperties properties = new WebSocketProperties();
		properties.setApiId(apiId);
		return properties;
	}

	private static ResolvedEndpoint resolve(WebSocketProperties properties, Supplier<Region> chain) {
		return WebSocketEndpointResolver.resolve(properties, chain);
	}

	private static void assertInvalid(WebSocketProperties properties, String property, String message) {
		assertThatExceptionOfType(InvalidWebSocketEndpointException.class)
			.isThrownBy(() -> WebSocketEndpointResolver.resolve(properties, NO_CHAIN))
			.withMessageContaining(message)
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo(property));
	}

}
