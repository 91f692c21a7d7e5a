package dev.apigw.websocket.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.springframework.util.Assert;

/**
 * Published when API Gateway forwards a client's message to the application, on
 * {@code $default} or on a custom route.
 * <p>
 * {@link #reply(String)} and its variants send to the connection that sent the message,
 * on the API it came through. {@link #respond(String)} gives the route response instead:
 * the answer API Gateway returns to the client on a route that has one.
 *
 * @param connectionId the API Gateway connection id of the sender
 * @param routeKey the route API Gateway selected, e.g. {@code $default} or
 * {@code sendmessage}
 * @param body the message as UTF-8 text; base64 text when
 * {@link WebSocketRequestContext#base64Encoded() the context says so}, read
 * {@link #bodyBytes()} then
 * @param time when API Gateway received the message
 * @param context the rest of API Gateway's request context, and the way back to the
 * connection
 * @param routeResponse the route response that listeners give with
 * {@link #respond(String)}, which the integration returns
 * @since 0.1.0
 */
public record WebSocketMessageEvent(String connectionId, String routeKey, String body, Instant time,
		WebSocketRequestContext context, WebSocketRouteResponse routeResponse) {

	public WebSocketMessageEvent {
		Assert.hasText(connectionId, "'connectionId' must not be blank");
		Assert.hasText(routeKey, "'routeKey' must not be blank");
		Assert.notNull(body, "'body' must not be null");
		Assert.notNull(time, "'time' must not be null");
		Assert.notNull(context, "'context' must not be null");
		Assert.notNull(routeResponse, "'routeResponse' must not be null");
	}

	/**
	 * Create an event whose route response no listener has given yet.
	 * @param connectionId the API Gateway connection id of the sender
	 * @param routeKey the route API Gateway selected
	 * @param body the message as UTF-8 text, or base64 text
	 * @param time when API Gateway received the message
	 * @param context the rest of API Gateway's request context
	 */
	public WebSocketMessageEvent(String connectionId, String routeKey, String body, Instant time,
			WebSocketRequestContext context) {
		this(connectionId, routeKey, body, time, context, new WebSocketRouteResponse());
	}

	/**
	 * Create an event with a context that knows nothing but the event type, and cannot
	 * reply.
	 * @param connectionId the API Gateway connection id of the sender
	 * @param routeKey the route API Gateway selected
	 * @param body the message as UTF-8 text
	 * @param time when API Gateway received the message
	 */
	public WebSocketMessageEvent(String connectionId, String routeKey, String body, Instant time) {
		this(connectionId, routeKey, body, time, WebSocketRequestContext.of("MESSAGE", null));
	}

	/**
	 * Return the message as bytes: the decoded body when it is base64-encoded, else its
	 * UTF-8 bytes.
	 * @return a new array
	 * @throws IllegalArgumentException if a body said to be base64-encoded is not
	 */
	public byte[] bodyBytes() {
		return this.context.base64Encoded() ? Base64.getDecoder().decode(this.body)
				: this.body.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * Send a text message to the connection that sent this one, on its API.
	 * @param message the text
	 * @throws IllegalStateException when the application has no management endpoint
	 * @throws dev.apigw.websocket.WebSocketManagementException when the call fails
	 */
	public void reply(String message) {
		this.context.operations().send(this.connectionId, message);
	}

	/**
	 * Send a binary message to the connection that sent this one, on its API.
	 * @param data the bytes
	 * @throws IllegalStateException when the application has no management endpoint
	 * @throws dev.apigw.websocket.WebSocketManagementException when the call fails
	 */
	public void reply(byte[] data) {
		this.context.operations().send(this.connectionId, data);
	}

	/**
	 * Send a payload as JSON to the connection that sent this message, on its API.
	 * @param payload the payload
	 * @throws IllegalStateException when the application has no management endpoint
	 * @throws dev.apigw.websocket.WebSocketManagementException when the call fails
	 */
	public void replyJson(Object payload) {
		this.context.operations().sendJson(this.connectionId, payload);
	}

	/**
	 * Give the route response: the text API Gateway sends back to the client when the
	 * message's route has a route response (ignored by API Gateway otherwise). Unlike
	 * {@link #reply(String)} it needs no management call, and it is only possible while
	 * the event is being handled, from one synchronous listener.
	 * @param message the text, at most {@value WebSocketRouteResponse#MAX_BYTES} bytes
	 * (UTF-8)
	 * @throws IllegalArgumentException if the text is too large
	 * @throws IllegalStateException if a listener responded already, or the integration
	 * has already answered
	 */
	public void respond(String message) {
		this.routeResponse.set(message);
	}

	/**
	 * Describe the event with the length of the body instead of its text, which is the
	 * client's and may be anything.
	 */
	@Override
	public String toString() {
		return "WebSocketMessageEvent[connectionId=" + this.connectionId + ", routeKey=" + this.routeKey + ", body=("
				+ this.body.length() + " characters), time=" + this.time + ", request=" + this.context.describe() + "]";
	}

}
