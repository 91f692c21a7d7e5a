package dev.apigw.websocket.event;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Published when API Gateway calls the application on the {@code $disconnect} route,
 * after the connection has been removed from the connection registry.
 * <p>
 * API Gateway calls {@code $disconnect} on a best-effort basis: a
 * {@link WebSocketConnectionGoneEvent} is the reliable signal that a connection is gone.
 * The connection is closed: sending to it fails with 410.
 *
 * @param connectionId the API Gateway connection id
 * @param statusCode the WebSocket close status code, {@value #NO_STATUS_CODE} when none
 * was given
 * @param reason the close reason, or {@code null} when none was given
 * @param attributes the attributes the connection was registered with, empty when it was
 * not registered (for example when a 410 had already pruned it)
 * @param time when API Gateway received the disconnect
 * @param context the rest of API Gateway's request context
 * @since 0.1.0
 */
public record WebSocketDisconnectEvent(String connectionId, int statusCode, @Nullable String reason,
		Map<String, String> attributes, Instant time, WebSocketRequestContext context) {

	/**
	 * Close status code used when the close frame carried none (RFC 6455, section 7.4.1).
	 */
	public static final int NO_STATUS_CODE = 1005;

	public WebSocketDisconnectEvent {
		Assert.hasText(connectionId, "'connectionId' must not be blank");
		Assert.notNull(attributes, "'attributes' must not be null");
		Assert.notNull(time, "'time' must not be null");
		Assert.notNull(context, "'context' must not be null");
		attributes = Map.copyOf(attributes);
	}

	/**
	 * Create an event with a context that knows nothing but the event type.
	 * @param connectionId the API Gateway connection id
	 * @param statusCode the WebSocket close status code
	 * @param reason the close reason, or {@code null}
	 * @param attributes the attributes the connection was registered with
	 * @param time when API Gateway received the disconnect
	 */
	public WebSocketDisconnectEvent(String connectionId, int statusCode, @Nullable String reason,
			Map<String, String> attributes, Instant time) {
		this(connectionId, statusCode, reason, attributes, time, WebSocketRequestContext.of("DISCONNECT", null));
	}

	/**
	 * Describe the event with the values of attributes whose names suggest credentials
	 * masked, by the rule of {@link WebSocketConnectEvent#toString()}.
	 */
	@Override
	public String toString() {
		return "WebSocketDisconnectEvent[connectionId=" + this.connectionId + ", statusCode=" + this.statusCode
				+ ", reason=" + this.reason + ", attributes=" + Redaction.values(this.attributes) + ", time="
				+ this.time + ", request=" + this.context.describe() + "]";
	}

}
