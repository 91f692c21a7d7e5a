package dev.apigw.websocket.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A {@code FailureAnalyzer} for an {@link InvalidWebSocketEndpointException}: says what is
 * wrong with the endpoint configuration and which property to set.
 */
final class InvalidWebSocketEndpointFailureAnalyzer extends AbstractFailureAnalyzer<InvalidWebSocketEndpointException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidWebSocketEndpointException cause) {
		String description = "The API Gateway WebSocket management endpoint is not configured correctly: "
				+ cause.getMessage();
		return new FailureAnalysis(description, action(cause.getProperty()), cause);
	}

	private String action(String property) {
		return switch (property) {
			case WebSocketEndpointResolver.STAGE -> "Set '" + property
					+ "' to the stage of the API (for example 'prod'), or add the stage to the path of '"
					+ WebSocketEndpointResolver.ENDPOINT + "'.";
			case WebSocketEndpointResolver.REGION -> "Set '" + property
					+ "' to the region of the API (for example 'eu-west-1').";
			case WebSocketEndpointResolver.API_ID -> "Set '" + property
					+ "' to the id of the API (the first label of its execute-api host), or set '"
					+ WebSocketEndpointResolver.ENDPOINT + "' instead.";
			default -> "Set '" + WebSocketEndpointResolver.ENDPOINT
					+ "' to the management endpoint of the API, for example"
					+ " 'https://{api-id}.execute-api.{region}.amazonaws.com/{stage}' or a custom domain with its"
					+ " base path, or set '" + WebSocketEndpointResolver.API_ID + "' and '"
					+ WebSocketEndpointResolver.STAGE + "' instead.";
		};
	}

}
