package dev.apigw.websocket;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import software.amazon.awssdk.core.exception.SdkServiceException;

/**
 * Translates what an SDK call fails with into the {@link WebSocketManagementException}
 * for its HTTP status: the status decides, never the SDK exception class, because without
 * an {@code x-amzn-ErrorType} header the SDK raises its base exception for every status.
 * Without an HTTP response, {@link ClientFailures} tells a configuration failure, a
 * request never sent and a request that may have been sent apart.
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
		String call = operation.apiName() + " for connection '" + connectionId + "'";
		if (!(cause instanceof SdkServiceException service)) {
			return withoutResponse(cause, call, connectionId, operation);
		}
		int status = service.statusCode();
		String answer = call + " failed with HTTP " + status + ": " + cause.getMessage();
		return switch (ManagementOutcome.forStatusCode(status)) {
			case GONE -> new ConnectionGoneException(
					"Connection '" + connectionId + "' is gone (HTTP 410 from " + operation.apiName() + ")",
					connectionId, operation, cause);
			case THROTTLED -> new ManagementThrottledException(
					answer + "; the account's rate limit is reached or the client's WebSocket buffer is full",
					connectionId, operation, cause);
			case PAYLOAD_TOO_LARGE -> new MessageTooLargeException(answer, connectionId, operation, cause);
			case FORBIDDEN ->
				new ManagementForbiddenException(answer + ". " + ManagementForbiddenException.hint(this.endpoint.uri()),
						connectionId, operation, cause);
			case CLIENT_ERROR -> new ManagementClientException(answer, connectionId, operation, status, cause);
			case SERVER_ERROR, SUCCESS -> new ManagementServerException(answer, connectionId, operation, status, cause);
			case IO_ERROR, CONNECT_ERROR, CONFIGURATION_ERROR -> withoutResponse(cause, call, connectionId, operation);
		};
	}

	private WebSocketManagementException withoutResponse(Throwable cause, String call, String connectionId,
			ManagementOperation operation) {
		String problem = ClientFailures.configurationProblem(cause);
		if (problem != null) {
			return new ManagementConfigurationException(call + " was not sent: " + problem, connectionId, operation,
					cause);
		}
		if (ClientFailures.notSent(cause)) {
			return new ManagementConnectException(
					call + " was not sent: no connection to " + this.endpoint.uri() + " could be opened: " + cause,
					connectionId, operation, cause);
		}
		return new ManagementIoException(
				call + " got no HTTP response; the request may have reached API Gateway: " + cause, connectionId,
				operation, cause);
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
