package dev.apigw.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a management call got no HTTP response after its request may have been
 * sent: attempt timeout, connection reset or another I/O error. A post that failed this
 * way may have been delivered; it is retried only with
 * {@link DeliveryMode#AT_LEAST_ONCE}. The subclass {@link ManagementConnectException}
 * marks the failures whose request was certainly not sent.
 *
 * @author apigw-websocket
 * @since 0.1.0
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
		this(message, connectionId, operation, ManagementOutcome.IO_ERROR, cause);
	}

	/**
	 * Create a new instance with the outcome of a subclass.
	 * @param message the detail message
	 * @param connectionId the id of the connection the call was for
	 * @param operation the failed operation
	 * @param outcome the classified outcome
	 * @param cause the SDK exception, if any
	 */
	protected ManagementIoException(String message, String connectionId, ManagementOperation operation,
			ManagementOutcome outcome, @Nullable Throwable cause) {
		super(message, connectionId, operation, 0, outcome, cause);
	}

}
