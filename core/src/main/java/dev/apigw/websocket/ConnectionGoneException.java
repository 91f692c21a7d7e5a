package dev.apigw.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when API Gateway answers 410: the connection is gone. A
 * {@link dev.apigw.websocket.event.WebSocketConnectionGoneEvent} is published for it.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public class ConnectionGoneException extends WebSocketManagementException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param connectionId the id of the connection the call was for
	 * @param operation the failed operation
	 * @param cause the SDK exception, if any
	 */
	public ConnectionGoneException(String message, String connectionId, ManagementOperation operation,
			@Nullable Throwable cause) {
		super(message, connectionId, operation, 410, ManagementOutcome.GONE, cause);
	}

}
