package dev.apigw.websocket.lambda;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.lambda.EventApiTemplates.ApiTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link EventApiTemplates}: one template (and one pair of SDK clients) per API for the
 * life of the container, bounded; the configured endpoint refuses other APIs.
 */
class EventApiTemplatesTests {

	private final AtomicInteger built = new AtomicInteger();

	@Test
	void perApiBuildsOneTemplatePerApiAndReusesIt() {
		EventApiTemplates templates = EventApiTemplates.perApi(countingFactory(), 2);
		try {
			ManagementEndpoint first = api("aaa111");
			WebSocketConnectionTemplate template = templates.template(first);
			for (int invocation = 0; invocation < 10; invocation++) {
				assertThat(templates.operations(api("aaa111")).get()).isSameAs(template);
			}
			assertThat(this.built).hasValue(1);
			assertThat(templates.template(api("bbb222"))).isNotSameAs(template);
			assertThat(this.built).hasValue(2);
			assertThatIllegalStateException().isThrownBy(() -> templates.template(api("ccc333")))
				.withMessageContaining("serves 2 APIs already")
				.withMessageContaining("apigw.websocket.endpoint");
			assertThat(this.built).hasValue(2);
		}
		finally {
			templates.destroy();
		}
	}

	@Test
	void perApiBuildsNothingUntilTheFirstReply() {
		EventApiTemplates templates = EventApiTemplates.perApi(countingFactory(), 2);
		assertThat(templates.operations(api("aaa111"))).isNotNull();
		assertThat(templates.refusal(api("aaa111"))).isNull();
		assertThat(this.built).hasValue(0);
		assertThat(templates.operations(null)).isNull();
	}

	@Test
	void configuredEndpointRefusesOtherApis() {
		EventApiTemplates templates = EventApiTemplates.configured(api("aaa111"), () -> {
			throw new AssertionError("not used");
		});
		assertThat(templates.refusal(api("aaa111"))).isNull();
		assertThat(templates.refusal(api("zzz999"))).contains("not from the configured endpoint");
		assertThat(templates
			.refusal(ManagementEndpoint.of(URI.create("https://aaa111.execute-api.eu-west-1.amazonaws.com/other"))))
			.isNotNull();
		assertThat(templates.refusal(null)).contains("domainName");
		EventApiTemplates customDomain = EventApiTemplates
			.configured(ManagementEndpoint.of(URI.create("https://ws.example.com/v1")), () -> {
				throw new AssertionError("not used");
			});
		assertThat(customDomain.refusal(ManagementEndpoint.of(URI.create("https://ws.example.com/prod")))).isNull();
		assertThat(customDomain.refusal(api("aaa111"))).isNotNull();
	}

	private static ManagementEndpoint api(String apiId) {
		return ManagementEndpoint.of(URI.create("https://" + apiId + ".execute-api.eu-west-1.amazonaws.com/prod"));
	}

	private Function<ManagementEndpoint, ApiTemplate> countingFactory() {
		return (endpoint) -> {
			this.built.incrementAndGet();
			StaticCredentialsProvider credentials = StaticCredentialsProvider
				.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret-example"));
			ApiGatewayManagementApiClient client = ApiGatewayManagementApiClient.builder()
				.endpointOverride(endpoint.uri())
				.region(Region.EU_WEST_1)
				.credentialsProvider(credentials)
				.build();
			ApiGatewayManagementApiAsyncClient asyncClient = ApiGatewayManagementApiAsyncClient.builder()
				.endpointOverride(endpoint.uri())
				.region(Region.EU_WEST_1)
				.credentialsProvider(credentials)
				.build();
			WebSocketConnectionTemplate template = WebSocketConnectionTemplate.builder()
				.client(client)
				.asyncClient(asyncClient)
				.endpoint(endpoint)
				.build();
			return new ApiTemplate(template, List.of(client, asyncClient));
		};
	}

}
