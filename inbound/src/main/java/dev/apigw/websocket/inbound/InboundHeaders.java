package dev.apigw.websocket.inbound;

/**
 * Names of the headers in which API Gateway's HTTP integrations pass the request context
 * to the inbound endpoint. API Gateway sends none of them by itself: each route's
 * integration maps them, as in
 * {@code integration.request.header.connectionId = context.connectionId}. The local
 * emulator sends the same headers.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class InboundHeaders {

	/**
	 * Connection id, mapped from {@code context.connectionId}. Required.
	 */
	public static final String CONNECTION_ID = "connectionId";

	/**
	 * Event type, mapped from {@code context.eventType}: {@code CONNECT}, {@code MESSAGE}
	 * or {@code DISCONNECT}. Required.
	 */
	public static final String EVENT_TYPE = "eventType";

	/**
	 * Route key, mapped from {@code context.routeKey}. Required for messages.
	 */
	public static final String ROUTE_KEY = "routeKey";

	/**
	 * When API Gateway received the request, in milliseconds since the epoch, mapped from
	 * {@code context.requestTimeEpoch}. Optional: the time of arrival otherwise.
	 */
	public static final String REQUEST_TIME_EPOCH = "requestTimeEpoch";

	/**
	 * Close status code of a {@code $disconnect}, mapped from
	 * {@code context.disconnectStatusCode}. Optional.
	 */
	public static final String DISCONNECT_STATUS_CODE = "disconnectStatusCode";

	/**
	 * Close reason of a {@code $disconnect}, mapped from
	 * {@code context.disconnectReason}. Optional.
	 */
	public static final String DISCONNECT_REASON = "disconnectReason";

	/**
	 * Header that carries the shared secret unless another is configured; each route's
	 * integration sends it as a static value.
	 */
	public static final String DEFAULT_SECRET_HEADER = "X-Apigw-Secret";

	private InboundHeaders() {
	}

}
