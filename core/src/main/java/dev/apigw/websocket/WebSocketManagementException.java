package dev.apigw.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Base of the unchecked exceptions thrown when a management call fails. Carries the
 * connection id, the operation, the HTTP status code ({@code 0} when there was no HTTP
 * response) and the classified outcome; the SDK exception is the cause.
 *
 * @author apigw-websocket
 */
public class WebSocketManagementException extends RuntimeException {

	private final String connectionId;

	private final ManagementOperation operation;

	private final int statusCode;

	private final ManagementOutcome outcome;

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param connectionId the id of the connection the call was for
	 * @param operation the failed operation
	 * @param statusCode the HTTP status code, {@code 0} when there was no response
	 * @param outcome the classified outcome
	 * @param cause the SDK exception, if any
	 */
	protected WebSocketManagementException(String message, String connectionId, ManagementOperation operation,
			int statusCode, ManagementOutcome outcome, @Nullable Throwable cause) {
		super(message, cause);
		this.connectionId = connectionId;
		this.operation = operation;
		this.statusCode = statusCode;
		this.outcome = outcome;
	}

	/**
	 * Return the id of the connection the failed call was for.
	 * @return the connection id
	 */
	public String connectionId() {
		return this.connectionId;
	}

	/**
	 * Return the failed operation.
	 * @return the operation
	 */
	public ManagementOperation operation() {
		return this.operation;
	}

	/**
	 * Return the HTTP status code of the response.
	 * @return the status code, {@code 0} when there was no HTTP response
	 */
	public int statusCode() {
		return this.statusCode;
	}

	/**
	 * Return the outcome the failure was classified as.
	 * @return the outcome
	 */
	public ManagementOutcome outcome() {
		return this.outcome;
	}

}
