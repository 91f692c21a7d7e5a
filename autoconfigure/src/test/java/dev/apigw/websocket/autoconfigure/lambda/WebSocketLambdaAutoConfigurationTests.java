package dev.apigw.websocket.autoconfigure.lambda;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.PayloadApplicationEvent;

import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.autoconfigure.WebSocketAutoConfiguration;
import dev.apigw.websocket.autoconfigure.WebSocketLambdaAutoConfiguration;
import dev.apigw.websocket.autoconfigure.registry.ConnectionRegistryAutoConfiguration;
import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.lambda.EventApiTemplates;
import dev.apigw.websocket.lambda.WebSocketLambdaHandler;
import dev.apigw.websocket.registry.ConnectionRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The function bean as an application gets it, driven with
 * {@code APIGatewayV2WebSocketEvent}s directly.
 */
class WebSocketLambdaAutoConfigurationTests {

	private static final String ENDPOINT = "https://abcdef1234.execute-api.eu-west-1.amazonaws.com/prod";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(CredentialsProviderAutoConfiguration.class, RegionProviderAutoConfiguration.class,
						AwsAutoConfiguration.class, ConnectionRegistryAutoConfiguration.class,
						WebSocketAutoConfiguration.class, WebSocketLambdaAutoConfiguration.class))
		.withPropertyValues("spring.cloud.aws.region.static=eu-west-1",
				"spring.cloud.aws.credentials.access-key=AKIDEXAMPLE",
				"spring.cloud.aws.credentials.secret-key=secret-example");

	@Test
	void withTheConfiguredEndpointAnEventOfAnotherApiIsRefusedAndPublishesNothing() {
		List<WebSocketConnectEvent> events = new CopyOnWriteArrayList<>();
		this.runner.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT)
			.withBean("recorder", ApplicationListener.class,
					() -> (ApplicationListener<PayloadApplicationEvent<WebSocketConnectEvent>>) (event) -> events
						.add(event.getPayload()))
			.run((context) -> {
				WebSocketLambdaHandler handler = context.getBean(WebSocketLambdaAutoConfiguration.HANDLER_BEAN_NAME,
						WebSocketLambdaHandler.class);
				APIGatewayV2WebSocketResponse foreign = handler
					.apply(connect("Foreign=", "zzz999.execute-api.eu-west-1.amazonaws.com", "zzz999"));
				assertThat(foreign.getStatusCode()).isEqualTo(403);
				assertThat(foreign.getBody()).contains("not from the configured endpoint", "apigw.websocket.endpoint");
				assertThat(context.getBean(ConnectionRegistry.class).contains("Foreign=")).isFalse();
				assertThat(events).isEmpty();
				APIGatewayV2WebSocketResponse own = handler
					.apply(connect("Own=", "abcdef1234.execute-api.eu-west-1.amazonaws.com", "abcdef1234"));
				assertThat(own.getStatusCode()).isEqualTo(200);
				assertThat(events).extracting(WebSocketConnectEvent::connectionId).containsExactly("Own=");
				assertThat(context.getBean(ConnectionRegistry.class).contains("Own=")).isTrue();
			});
	}

	@Test
	void inALambdaFunctionWithoutEndpointNoTemplateBeanIsBuiltAndNoClientBeforeTheFirstReply() {
		this.runner.withPropertyValues("AWS_LAMBDA_FUNCTION_NAME=chat").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WebSocketConnectionTemplate.class);
			assertThat(context).hasSingleBean(WebSocketLambdaHandler.class);
			assertThat(context.getBean(EventApiTemplates.class)).extracting("templates")
				.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
				.isEmpty();
		});
	}

	@Test
	void outsideLambdaAMissingEndpointStillFailsAtStartup() {
		this.runner.run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.hasStackTraceContaining("No API Gateway WebSocket endpoint is configured"));
	}

	@Test
	void withoutTheLambdaModuleThereIsNoFunction() {
		this.runner.withPropertyValues("apigw.websocket.endpoint=" + ENDPOINT)
			.withClassLoader(new FilteredClassLoader(WebSocketLambdaHandler.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WebSocketLambdaHandler.class));
	}

	private static APIGatewayV2WebSocketEvent connect(String connectionId, String domainName, String apiId) {
		APIGatewayV2WebSocketEvent.RequestContext requestContext = new APIGatewayV2WebSocketEvent.RequestContext();
		requestContext.setConnectionId(connectionId);
		requestContext.setEventType("CONNECT");
		requestContext.setRouteKey("$connect");
		requestContext.setDomainName(domainName);
		requestContext.setStage("prod");
		requestContext.setApiId(apiId);
		APIGatewayV2WebSocketEvent event = new APIGatewayV2WebSocketEvent();
		event.setRequestContext(requestContext);
		return event;
	}

}
