package dev.apigw.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Base of the unchecked exceptions thrown when a management call fails. Carries the
 * connection id, the operation, the HTTP status code ({@code 0} when there was no HTTP
 * response) and the classified outcome; the SDK exception is the cause.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public class WebSocketManagementException extends RuntimeException {

	// the one 5xx that says the request was not handled (RFC 9110, 15.6.4)
	private static final int SERVICE_UNAVAILABLE = 503;

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

	/**
	 * Return whether the failed call may have taken effect anyway: for a post, whether
	 * the message may have been delivered. {@code false} when the request was not sent
	 * (connect or configuration failure) or was refused (4xx, 503); {@code true} when the
	 * answer was lost (timeout, reset) or was another 5xx.
	 * @return whether repeating the call could repeat its effect
	 */
	public boolean mayHaveTakenEffect() {
		return switch (this.outcome) {
			case IO_ERROR, SUCCESS -> true;
			case SERVER_ERROR -> this.statusCode != SERVICE_UNAVAILABLE;
			case GONE, THROTTLED, PAYLOAD_TOO_LARGE, FORBIDDEN, CLIENT_ERROR, CONNECT_ERROR, CONFIGURATION_ERROR ->
				false;
		};
	}

}
