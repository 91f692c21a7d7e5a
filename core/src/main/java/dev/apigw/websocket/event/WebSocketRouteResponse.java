package dev.apigw.websocket.event;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The route response of one message: the text that API Gateway sends back to the client
 * when the message's route has a route response (a two-way route). A listener gives it
 * with {@link WebSocketMessageEvent#respond(String)}; the integration (the Lambda
 * function's response body, or the HTTP integration's response body) takes it once the
 * listeners have returned, after which no listener can give one.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class WebSocketRouteResponse {

	/**
	 * Maximum size of a route response in bytes (UTF-8), API Gateway's limit for a
	 * message.
	 */
	public static final int MAX_BYTES = 131_072;

	private @Nullable String body;

	private boolean taken;

	/**
	 * Give the route response.
	 * @param body the text the client receives
	 * @throws IllegalArgumentException if the text is over {@value #MAX_BYTES} bytes
	 * @throws IllegalStateException if a route response was given already, or the
	 * integration has already answered (a listener that runs after the event was handled,
	 * such as an {@code @Async} one)
	 */
	public synchronized void set(String body) {
		Assert.notNull(body, "'body' must not be null");
		int size = body.getBytes(StandardCharsets.UTF_8).length;
		Assert.isTrue(size <= MAX_BYTES,
				() -> "Route response is " + size + " bytes, more than API Gateway's maximum of " + MAX_BYTES
						+ " bytes: send large payloads with the template instead");
		Assert.state(!this.taken, "The route response was already returned to API Gateway: respond from a "
				+ "synchronous listener (not @Async, not from another thread)");
		Assert.state(this.body == null,
				"A route response was already given for this message: only one listener " + "may respond");
		this.body = body;
	}

	/**
	 * Return the route response given so far.
	 * @return the text, or {@code null} when no listener responded
	 */
	public synchronized @Nullable String body() {
		return this.body;
	}

	/**
	 * Return the route response and refuse any later one: called by the integration once
	 * the listeners have returned.
	 * @return the text, or {@code null} when no listener responded
	 */
	public synchronized @Nullable String take() {
		this.taken = true;
		return this.body;
	}

	@Override
	public synchronized String toString() {
		return "WebSocketRouteResponse[" + ((this.body != null) ? this.body.length() + " characters" : "none")
				+ (this.taken ? ", returned" : "") + "]";
	}

}
