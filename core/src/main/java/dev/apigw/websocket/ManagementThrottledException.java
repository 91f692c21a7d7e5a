package dev.apigw.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when API Gateway still answers 429 after all retries: the account's rate limit
 * is reached or the client's WebSocket buffer is full.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public class ManagementThrottledException extends WebSocketManagementException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param connectionId the id of the connection the call was for
	 * @param operation the failed operation
	 * @param cause the SDK exception, if any
	 */
	public ManagementThrottledException(String message, String connectionId, ManagementOperation operation,
			@Nullable Throwable cause) {
		super(message, connectionId, operation, 429, ManagementOutcome.THROTTLED, cause);
	}

}
