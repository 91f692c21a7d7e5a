package dev.apigw.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when API Gateway answers 5xx (after retries, when server errors are
 * retried).
 *
 * @author apigw-websocket
 */
public class ManagementServerException extends WebSocketManagementException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param connectionId the id of the connection the call was for
	 * @param operation the failed operation
	 * @param statusCode the HTTP status code
	 * @param cause the SDK exception, if any
	 */
	public ManagementServerException(String message, String connectionId, ManagementOperation operation, int statusCode,
			@Nullable Throwable cause) {
		super(message, connectionId, operation, statusCode, ManagementOutcome.SERVER_ERROR, cause);
	}

}
