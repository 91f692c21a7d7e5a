package dev.apigw.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when API Gateway answers 403: the endpoint lacks the stage, the signing
 * region does not match the API's, or the caller lacks IAM permission
 * {@code execute-api:ManageConnections}.
 *
 * @author apigw-websocket
 */
public class ManagementForbiddenException extends WebSocketManagementException {

	/**
	 * Create a new instance.
	 * @param message the detail message
	 * @param connectionId the id of the connection the call was for
	 * @param operation the failed operation
	 * @param cause the SDK exception, if any
	 */
	public ManagementForbiddenException(String message, String connectionId, ManagementOperation operation,
			@Nullable Throwable cause) {
		super(message, connectionId, operation, 403, ManagementOutcome.FORBIDDEN, cause);
	}

}
