package dev.apigw.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a management call got no HTTP response: I/O error, connection reset or
 * timeout (after retries, when I/O errors are retried).
 *
 * @author apigw-websocket
 */
public class ManagementIoException extends WebSocketManagementException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param connectionId the id of the connection the call was for
	 * @param operation the failed operation
	 * @param cause the SDK exception, if any
	 */
	public ManagementIoException(String message, String connectionId, ManagementOperation operation,
			@Nullable Throwable cause) {
		super(message, connectionId, operation, 0, ManagementOutcome.IO_ERROR, cause);
	}

}
