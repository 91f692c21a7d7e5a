package dev.apigw.websocket;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Translates what an SDK call fails with into the {@link WebSocketManagementException}
 * for its HTTP status: the status decides, never the SDK exception class, because without
 * an {@code x-amzn-ErrorType} header the SDK raises its base exception for every status.
 * Anything without an HTTP response becomes a {@link ManagementIoException}.
 */
final class ManagementErrorTranslator {

	private final ManagementEndpoint endpoint;

	ManagementErrorTranslator(ManagementEndpoint endpoint) {
		this.endpoint = endpoint;
	}

	WebSocketManagementException translate(Throwable failure, String connectionId, ManagementOperation operation) {
		Throwable cause = unwrap(failure);
		if (cause instanceof WebSocketManagementException translated) {
			return translated;
		}
		int status = (cause instanceof SdkServiceException service) ? service.statusCode() : 0;
		String call = operation.apiName() + " for connection '" + connectionId + "'";
		String answer = call + " failed with HTTP " + status + ": " + cause.getMessage();
		return switch (ManagementOutcome.forStatusCode(status)) {
			case GONE -> new ConnectionGoneException(
					"Connection '" + connectionId + "' is gone (HTTP 410 from " + operation.apiName() + ")",
					connectionId, operation, cause);
			case THROTTLED -> new ManagementThrottledException(answer
					+ "; the account's rate limit is reached or the client's WebSocket buffer is full", connectionId,
					operation, cause);
			case PAYLOAD_TOO_LARGE -> new MessageTooLargeException(answer, connectionId, operation, cause);
			case FORBIDDEN ->
				new ManagementForbiddenException(answer + forbiddenHint(), connectionId, operation, cause);
			case CLIENT_ERROR -> new ManagementClientException(answer, connectionId, operation, status, cause);
			case SERVER_ERROR, SUCCESS -> new ManagementServerException(answer, connectionId, operation, status, cause);
			case IO_ERROR -> new ManagementIoException(call + " got no HTTP response: " + cause, connectionId,
					operation, cause);
		};
	}

	private String forbiddenHint() {
		return ". Check that the endpoint (" + this.endpoint.uri() + ") includes the stage, as in "
				+ "https://{api-id}.execute-api.{region}.amazonaws.com/{stage}; that the client's signing region "
				+ "matches the API's region; and that the caller is allowed IAM action "
				+ "execute-api:ManageConnections on "
				+ "arn:aws:execute-api:{region}:{account}:{api-id}/{stage}/*/@connections/*";
	}

	static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
