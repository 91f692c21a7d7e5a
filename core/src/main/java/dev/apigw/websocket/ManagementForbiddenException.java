package dev.apigw.websocket;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when API Gateway answers 403: the endpoint lacks the stage, the signing region
 * does not match the API's, or the caller lacks IAM permission
 * {@code execute-api:ManageConnections}.
 *
 * @author apigw-websocket
 * @since 0.1.0
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

	/**
	 * What to check when API Gateway answers 403, the same for a failed call and for the
	 * health check.
	 * @param endpoint the endpoint that answered
	 * @return one sentence naming the stage, the signing region and the IAM permission
	 */
	static String hint(URI endpoint) {
		return "Check that the endpoint (" + endpoint + ") includes the stage, as in "
				+ "https://{api-id}.execute-api.{region}.amazonaws.com/{stage}; that the client's signing region "
				+ "matches the API's region; and that the caller is allowed IAM action "
				+ "execute-api:ManageConnections on "
				+ "arn:aws:execute-api:{region}:{account}:{api-id}/{stage}/*/@connections/*";
	}

}
