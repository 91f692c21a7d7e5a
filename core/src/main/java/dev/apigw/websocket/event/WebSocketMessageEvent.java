package dev.apigw.websocket.event;

import java.time.Instant;

import org.springframework.util.Assert;

/**
 * Published when API Gateway forwards a client's message to the application, on
 * {@code $default} or on a custom route.
 *
 * @param connectionId the API Gateway connection id of the sender
 * @param routeKey the route API Gateway selected, e.g. {@code $default} or
 * {@code sendmessage}
 * @param body the message as UTF-8 text
 * @param time when API Gateway received the message
 * @since 0.1.0
 */
public record WebSocketMessageEvent(String connectionId, String routeKey, String body, Instant time) {

	public WebSocketMessageEvent {
		Assert.hasText(connectionId, "'connectionId' must not be blank");
		Assert.hasText(routeKey, "'routeKey' must not be blank");
		Assert.notNull(body, "'body' must not be null");
		Assert.notNull(time, "'time' must not be null");
	}

	/**
	 * Describe the event with the length of the body instead of its text, which is the
	 * client's and may be anything.
	 */
	@Override
	public String toString() {
		return "WebSocketMessageEvent[connectionId=" + this.connectionId + ", routeKey=" + this.routeKey + ", body=("
				+ this.body.length() + " characters), time=" + this.time + "]";
	}

}
