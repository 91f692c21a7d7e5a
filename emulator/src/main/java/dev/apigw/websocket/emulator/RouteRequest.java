package dev.apigw.websocket.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What a route integration receives: the same facts an HTTP integration gets as headers.
 *
 * @param routeKey selected route, e.g. {@code $connect} or {@code sendMessage}
 * @param eventType kind of event
 * @param connectionId API Gateway style connection id
 * @param body message body; empty for {@code $connect} and {@code $disconnect}
 * @param binary whether the message came in a binary frame
 * @param requestTimeEpoch time of the request in epoch milliseconds
 * @param headers client handshake headers for {@code $connect} (hop-by-hop and
 * {@code Sec-WebSocket-*} removed), empty otherwise
 * @param queryString raw query string of the client's handshake for {@code $connect}, or
 * {@code null}
 * @param disconnectStatusCode close status code for {@code $disconnect}, 0 otherwise
 * @param disconnectReason close reason for {@code $disconnect}, or {@code null}
 * @since 0.1.0
 */
public record RouteRequest(String routeKey, EventType eventType, String connectionId, byte[] body, boolean binary,
		long requestTimeEpoch, Map<String, String> headers, @Nullable String queryString, int disconnectStatusCode,
		@Nullable String disconnectReason) {

	/**
	 * Create a request; copies the body and headers.
	 */
	public RouteRequest {
		body = body.clone();
		headers = Map.copyOf(headers);
	}

	@Override
	public byte[] body() {
		return this.body.clone();
	}

	/**
	 * The body decoded as UTF-8.
	 * @return the body as text
	 */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

}
