package dev.apigw.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when no connection to the management endpoint could be opened (connection
 * refused, unknown host, connect timeout, failed TLS handshake), after retries: the
 * request was not sent, so it is retried in every {@link DeliveryMode}.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public class ManagementConnectException extends ManagementIoException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param connectionId the id of the connection the call was for
	 * @param operation the failed operation
	 * @param cause the SDK exception, if any
	 */
	public ManagementConnectException(String message, String connectionId, ManagementOperation operation,
			@Nullable Throwable cause) {
		super(message, connectionId, operation, ManagementOutcome.CONNECT_ERROR, cause);
	}

}
