package dev.apigw.websocket.benchmarks;

import java.util.function.Function;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The two function applications {@link ColdStartBenchmark} starts: the same Spring Cloud
 * Function application, with and without our auto-configurations.
 */
final class ColdStartFunctions {

	static final String FUNCTION = "apigwWebSocketLambdaHandler";

	private ColdStartFunctions() {
	}

	/**
	 * Spring Boot, Spring Cloud Function and Spring Cloud AWS, and a function of the same
	 * shape that answers 200: what a function costs without us.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration(excludeName = { "dev.apigw.websocket.autoconfigure.WebSocketAutoConfiguration",
			"dev.apigw.websocket.autoconfigure.health.WebSocketHealthContributorAutoConfiguration",
			"dev.apigw.websocket.autoconfigure.inbound.InboundEventsAutoConfiguration",
			"dev.apigw.websocket.autoconfigure.emulator.EmulatorAutoConfiguration",
			"dev.apigw.websocket.autoconfigure.registry.ConnectionRegistryAutoConfiguration",
			"dev.apigw.websocket.autoconfigure.WebSocketLambdaAutoConfiguration" })
	public static class Baseline {

		@Bean(FUNCTION)
		Function<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> apigwWebSocketLambdaHandler() {
			return (event) -> {
				APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
				response.setStatusCode(200);
				return response;
			};
		}

	}

	/**
	 * The same application with our auto-configurations: the function bean, the registry,
	 * the inbound publisher, and the template when an endpoint is set.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	public static class WithStarter {

	}

}
