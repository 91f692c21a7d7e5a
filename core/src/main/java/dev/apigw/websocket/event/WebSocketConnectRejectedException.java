package dev.apigw.websocket.event;

/**
 * Thrown by a synchronous {@link WebSocketConnectEvent} listener to refuse a connection.
 * <p>
 * The inbound endpoint answers API Gateway's {@code $connect} call with the given HTTP
 * status and API Gateway refuses the WebSocket upgrade; the connection is never
 * registered. <pre class="code">
 * &#64;EventListener
 * void authenticate(WebSocketConnectEvent event) {
 *     if (!tokens.isValid(event.queryParameter("token"))) {
 *         throw new WebSocketConnectRejectedException(401, "invalid token");
 *     }
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class WebSocketConnectRejectedException extends RuntimeException {

	private static final int FORBIDDEN = 403;

	private final int statusCode;

	/**
	 * Create an exception that refuses the connection with 403 Forbidden.
	 * @param reason why the connection is refused (sent to API Gateway, not to the
	 * client)
	 */
	public WebSocketConnectRejectedException(String reason) {
		this(FORBIDDEN, reason);
	}

	/**
	 * Create an exception that refuses the connection with the given status.
	 * @param statusCode the HTTP status to answer, from 400 to 599
	 * @param reason why the connection is refused (sent to API Gateway, not to the
	 * client)
	 */
	public WebSocketConnectRejectedException(int statusCode, String reason) {
		super(reason);
		if (statusCode < 400 || statusCode > 599) {
			throw new IllegalArgumentException(
					"'statusCode' must be a 4xx or 5xx HTTP status so that API Gateway refuses the upgrade, but was "
							+ statusCode);
		}
		this.statusCode = statusCode;
	}

	/**
	 * Return the HTTP status the inbound endpoint answers.
	 * @return a status from 400 to 599
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

}
