package dev.apigw.websocket.emulator;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * In-process Lambda-style function for a route: receives the
 * {@code APIGatewayV2WebSocketEvent} that API Gateway would send a Lambda function, as a
 * JSON object, and returns what the function would return. Called on a worker thread
 * (never on a Netty event loop), so it may block; interrupted when the invocation times
 * out.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
@FunctionalInterface
public interface LambdaHandler {

	/**
	 * Handle one event.
	 * @param event the event: maps, lists, strings, numbers and booleans, as a JSON
	 * parser gives them
	 * @return the function's result, serialized to JSON as the Lambda runtime does: a
	 * proxy response such as {@code Map.of("statusCode", 200, "body", "hi")} or any
	 * object Jackson can write (a non-2xx {@code statusCode} on {@code $connect} refuses
	 * the connection); {@code null} for none
	 * @throws Exception any failure, handled like a function error
	 */
	@Nullable Object handleRequest(Map<String, Object> event) throws Exception;

}
