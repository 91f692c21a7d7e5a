package dev.apigw.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when API Gateway answers a 4xx other than 403, 410, 413 and 429, for example 400
 * for a malformed connection id. Not retried.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public class ManagementClientException extends WebSocketManagementException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param connectionId the id of the connection the call was for
	 * @param operation the failed operation
	 * @param statusCode the HTTP status code
	 * @param cause the SDK exception, if any
	 */
	public ManagementClientException(String message, String connectionId, ManagementOperation operation, int statusCode,
			@Nullable Throwable cause) {
		super(message, connectionId, operation, statusCode, ManagementOutcome.CLIENT_ERROR, cause);
	}

}
