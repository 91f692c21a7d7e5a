package dev.apigw.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when API Gateway answers 5xx, after the retries the {@link DeliveryMode} allows:
 * with {@link DeliveryMode#AT_MOST_ONCE} a post is repeated after 503 only, because after
 * another 5xx it {@link #mayHaveTakenEffect() may have been delivered}.
 *
 * @author apigw-websocket
 * @since 0.1.0
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
