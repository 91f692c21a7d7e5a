package dev.apigw.websocket.autoconfigure.lambda;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketConnectRejectedException;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;
import dev.apigw.websocket.registry.ConnectionRegistry;

/**
 * The function application that {@code FunctionInvoker} starts (as the Lambda Java
 * runtime does) in the Lambda tests: its listeners record the events, refuse the token
 * {@code bad}, echo messages with {@code event.reply} and answer questions with
 * {@code event.respond}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class LambdaFunctionApplication {

	/**
	 * What {@link org.springframework.cloud.function.adapter.aws.FunctionInvoker} reads
	 * as system properties to start this application as a function; with
	 * {@code AWS_LAMBDA_FUNCTION_NAME}, which Lambda sets, so that it runs as inside
	 * Lambda.
	 */
	static final Map<String, String> INVOKER_PROPERTIES = Map.of("AWS_LAMBDA_FUNCTION_NAME", "chat", "MAIN_CLASS",
			LambdaFunctionApplication.class.getName(), "spring.cloud.function.definition",
			"apigwWebSocketLambdaHandler", "spring.cloud.aws.region.static", "eu-west-1",
			"spring.cloud.aws.credentials.access-key", "AKIDEXAMPLE", "spring.cloud.aws.credentials.secret-key",
			"secret-example", "spring.main.banner-mode", "off");

	static final List<Object> events = new CopyOnWriteArrayList<>();

	static volatile ConnectionRegistry registry;

	@Bean
	Listeners listeners(ConnectionRegistry connectionRegistry) {
		registry = connectionRegistry;
		return new Listeners();
	}

	static class Listeners {

		@EventListener
		void connect(WebSocketConnectEvent event) {
			events.add(event);
			if ("bad".equals(event.queryParameter("token"))) {
				throw new WebSocketConnectRejectedException(401, "invalid token");
			}
		}

		@EventListener
		void message(WebSocketMessageEvent event) {
			events.add(event);
			if (event.body().startsWith("echo ")) {
				event.reply("echo: " + event.body().substring(5));
			}
			if (event.body().startsWith("ask ")) {
				event.respond("answer: " + event.body().substring(4));
			}
		}

		@EventListener
		void disconnect(WebSocketDisconnectEvent event) {
			events.add(event);
		}

	}

}
