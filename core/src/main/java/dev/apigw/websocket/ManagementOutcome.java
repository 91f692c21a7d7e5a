package dev.apigw.websocket;

import java.util.Locale;

/**
 * Outcome of one management call attempt, classified by HTTP status code (never by SDK
 * exception class, because without an {@code x-amzn-ErrorType} header the SDK raises its
 * base exception for every status).
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public enum ManagementOutcome {

	/**
	 * 2xx: the call succeeded.
	 */
	SUCCESS,

	/**
	 * 410: the connection is gone (closed, or not yet open while in {@code $connect}).
	 */
	GONE,

	/**
	 * 429: too many requests, or the client's WebSocket buffer is full.
	 */
	THROTTLED,

	/**
	 * 413: the payload is larger than API Gateway accepts.
	 */
	PAYLOAD_TOO_LARGE,

	/**
	 * 403: usually a missing stage in the endpoint, a wrong region or missing IAM
	 * permission.
	 */
	FORBIDDEN,

	/**
	 * Any other 4xx, for example 400 for a malformed connection id.
	 */
	CLIENT_ERROR,

	/**
	 * 5xx, or any other status API Gateway should not answer with.
	 */
	SERVER_ERROR,

	/**
	 * No HTTP response after the request may have been sent: attempt timeout, connection
	 * reset or another I/O error. A post may have been delivered.
	 */
	IO_ERROR,

	/**
	 * No connection to the endpoint: connection refused, unknown host, connect timeout or
	 * failed TLS handshake. The request was not sent.
	 */
	CONNECT_ERROR,

	/**
	 * The client could not make the call: no credentials, no region, or mixed AWS SDK
	 * versions. The request was not sent; retrying cannot help.
	 */
	CONFIGURATION_ERROR;

	private final String tagValue = name().toLowerCase(Locale.ROOT);

	/**
	 * Return the value used for the {@code outcome} observation key.
	 * @return the lower-case tag value, e.g. {@code "payload_too_large"}
	 */
	public String tagValue() {
		return this.tagValue;
	}

	/**
	 * Classify an HTTP status code of a failed call.
	 * @param statusCode the HTTP status code, {@code 0} when there was no response
	 * @return the outcome for that status; {@link #IO_ERROR} without a response, because
	 * the status alone cannot tell a connect or configuration failure
	 */
	public static ManagementOutcome forStatusCode(int statusCode) {
		return switch (statusCode) {
			case 0 -> IO_ERROR;
			case 403 -> FORBIDDEN;
			case 410 -> GONE;
			case 413 -> PAYLOAD_TOO_LARGE;
			case 429 -> THROTTLED;
			default -> forStatusClass(statusCode / 100);
		};
	}

	private static ManagementOutcome forStatusClass(int statusClass) {
		return switch (statusClass) {
			case 2 -> SUCCESS;
			case 4 -> CLIENT_ERROR;
			default -> SERVER_ERROR;
		};
	}

}
