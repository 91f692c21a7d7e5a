package dev.apigw.websocket.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import dev.apigw.websocket.ManagementEndpoint;

/**
 * A {@code FailureAnalyzer} for an {@link InvalidWebSocketEndpointException}: says what
 * is wrong with the endpoint configuration and which property to set, or that the
 * emulator was enabled without being on the classpath.
 */
final class InvalidWebSocketEndpointFailureAnalyzer extends AbstractFailureAnalyzer<InvalidWebSocketEndpointException> {

	static final String EMULATOR_ENABLED = WebSocketProperties.PREFIX + ".emulator.enabled";

	private static final String EMULATOR_CLASS = "dev.apigw.websocket.emulator.WebSocketApiEmulator";

	private final Environment environment;

	private final ClassLoader classLoader;

	/**
	 * Create a new instance; Spring Boot passes the application's environment.
	 * @param environment the environment of the application that failed
	 */
	public InvalidWebSocketEndpointFailureAnalyzer(Environment environment) {
		this(environment, InvalidWebSocketEndpointFailureAnalyzer.class.getClassLoader());
	}

	InvalidWebSocketEndpointFailureAnalyzer(Environment environment, ClassLoader classLoader) {
		this.environment = environment;
		this.classLoader = classLoader;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidWebSocketEndpointException cause) {
		if (isEmulatorMissing(cause)) {
			return new FailureAnalysis("'" + EMULATOR_ENABLED
					+ "' is true, but the emulator is not on the classpath, so no API Gateway WebSocket endpoint"
					+ " is configured.",
					"Add the dependency dev.apigw:apigw-websocket-emulator (test scope for tests; for local runs,"
							+ " in a profile or runtime scope), or set '" + WebSocketEndpointResolver.ENDPOINT
							+ "' to the management endpoint of a real API.",
					cause);
		}
		String description = "The API Gateway WebSocket management endpoint is not configured correctly: "
				+ cause.getMessage();
		return new FailureAnalysis(description, action(cause.getProperty()), cause);
	}

	private boolean isEmulatorMissing(InvalidWebSocketEndpointException cause) {
		return WebSocketEndpointResolver.ENDPOINT.equals(cause.getProperty()) && cause.getValue() == null
				&& this.environment.getProperty(EMULATOR_ENABLED, Boolean.class, false)
				&& !ClassUtils.isPresent(EMULATOR_CLASS, this.classLoader);
	}

	private String action(String property) {
		return switch (property) {
			case WebSocketEndpointResolver.STAGE ->
				"Set '" + property + "' to the stage of the API (for example 'prod'), or add the stage to the path of '"
						+ WebSocketEndpointResolver.ENDPOINT + "'.";
			case WebSocketEndpointResolver.REGION ->
				"Set '" + property + "' to the region of the API (for example 'eu-west-1').";
			case WebSocketEndpointResolver.API_ID ->
				"Set '" + property + "' to the id of the API (the first label of its execute-api host), or set '"
						+ WebSocketEndpointResolver.ENDPOINT + "' instead.";
			default -> "Set '" + WebSocketEndpointResolver.ENDPOINT
					+ "' to the management endpoint of the API, for example" + " '"
					+ ManagementEndpoint.EXECUTE_API_TEMPLATE + "' or a custom domain with its" + " base path, or set '"
					+ WebSocketEndpointResolver.API_ID + "' and '" + WebSocketEndpointResolver.STAGE + "' instead.";
		};
	}

}
