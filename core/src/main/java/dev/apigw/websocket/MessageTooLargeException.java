package dev.apigw.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when API Gateway answers 413: the payload is larger than it accepts.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public class MessageTooLargeException extends WebSocketManagementException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param connectionId the id of the connection the call was for
	 * @param operation the failed operation
	 * @param cause the SDK exception, if any
	 */
	public MessageTooLargeException(String message, String connectionId, ManagementOperation operation,
			@Nullable Throwable cause) {
		super(message, connectionId, operation, 413, ManagementOutcome.PAYLOAD_TOO_LARGE, cause);
	}

}
