package dev.apigw.websocket.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * Published when API Gateway calls the application on the {@code $connect} route.
 * <p>
 * Listeners run before the connection is registered and before API Gateway completes the
 * upgrade, so they can authenticate the client from its query parameters and headers. A
 * synchronous listener that throws {@link WebSocketConnectRejectedException} refuses the
 * connection. Nothing can be sent to the connection yet: API Gateway answers 410 until
 * the {@code $connect} call has returned.
 * <p>
 * Its {@link #toString()} masks the values of headers and query parameters that may carry
 * credentials, so that the event can be logged.
 *
 * @param connectionId the API Gateway connection id
 * @param queryParameters the query parameters of the client's handshake request
 * @param headers the headers of the integration request (names are case-insensitive),
 * without the inbound shared-secret header
 * @param time when API Gateway received the request
 * @param context the rest of API Gateway's request context (the authorizer's context, the
 * client's source IP, the API)
 * @since 0.1.0
 */
public record WebSocketConnectEvent(String connectionId, Map<String, List<String>> queryParameters,
		Map<String, List<String>> headers, Instant time, WebSocketRequestContext context) {

	public WebSocketConnectEvent {
		Assert.hasText(connectionId, "'connectionId' must not be blank");
		Assert.notNull(queryParameters, "'queryParameters' must not be null");
		Assert.notNull(headers, "'headers' must not be null");
		Assert.notNull(time, "'time' must not be null");
		Assert.notNull(context, "'context' must not be null");
		queryParameters = MultiValues.copy(queryParameters, new LinkedHashMap<>());
		headers = MultiValues.copy(headers, new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
	}

	/**
	 * Create an event with a context that knows nothing but the event type.
	 * @param connectionId the API Gateway connection id
	 * @param queryParameters the query parameters of the client's handshake request
	 * @param headers the headers of the integration request
	 * @param time when API Gateway received the request
	 */
	public WebSocketConnectEvent(String connectionId, Map<String, List<String>> queryParameters,
			Map<String, List<String>> headers, Instant time) {
		this(connectionId, queryParameters, headers, time, WebSocketRequestContext.of("CONNECT", null));
	}

	/**
	 * Return the first value of a query parameter.
	 * @param name the parameter name
	 * @return the first value, or {@code null} when the parameter is absent
	 */
	public @Nullable String queryParameter(String name) {
		return MultiValues.first(this.queryParameters, name);
	}

	/**
	 * Return the first value of a header.
	 * @param name the header name (case-insensitive)
	 * @return the first value, or {@code null} when the header is absent
	 */
	public @Nullable String header(String name) {
		return MultiValues.first(this.headers, name);
	}

	/**
	 * Describe the event with the values of credential-bearing headers and query
	 * parameters masked: {@code Authorization}, {@code Cookie},
	 * {@code Sec-WebSocket-Protocol} and every name that contains {@code auth},
	 * {@code token}, {@code secret}, {@code password}, {@code passwd}, {@code key},
	 * {@code cookie}, {@code credential}, {@code signature}, {@code session} or
	 * {@code jwt}, in any case.
	 */
	@Override
	public String toString() {
		return "WebSocketConnectEvent[connectionId=" + this.connectionId + ", queryParameters="
				+ Redaction.multiValues(this.queryParameters) + ", headers=" + Redaction.multiValues(this.headers)
				+ ", time=" + this.time + ", request=" + this.context.describe() + "]";
	}

}
