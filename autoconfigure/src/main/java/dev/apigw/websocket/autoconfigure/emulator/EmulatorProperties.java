package dev.apigw.websocket.autoconfigure.emulator;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the API Gateway WebSocket emulator run inside the
 * application.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("apigw.websocket.emulator")
public class EmulatorProperties {

	/**
	 * Whether to start the emulator in-process and point the management client at it.
	 */
	private boolean enabled;

	/**
	 * Port of the emulator's WebSocket and management endpoints on 127.0.0.1. 0 picks a
	 * free port.
	 */
	private int port;

	/**
	 * Stage of the emulated API, the first path segment of its URLs.
	 */
	private String stage = "local";

	private final Integration integration = new Integration();

	private final Lambda lambda = new Lambda();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public String getStage() {
		return this.stage;
	}

	public void setStage(String stage) {
		this.stage = stage;
	}

	public Integration getIntegration() {
		return this.integration;
	}

	public Lambda getLambda() {
		return this.lambda;
	}

	/**
	 * Routes to HTTP integrations (the inbound endpoint) and in-process route handlers.
	 */
	public static class Integration {

		/**
		 * Time one call of a route's HTTP integration or in-process handler may take
		 * before the emulator answers it as failed (API Gateway's integration timeout).
		 */
		private Duration timeout = Duration.ofSeconds(29);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * Routes to a function bean as a Lambda proxy integration.
	 */
	public static class Lambda {

		/**
		 * Name of a java.util.function.Function bean (for example a Spring Cloud
		 * Function) that the emulator's $connect, $disconnect and $default routes invoke
		 * with API Gateway's Lambda event, instead of the inbound endpoint.
		 */
		private @Nullable String function;

		/**
		 * Whether the function's answer to a message on $default is sent back to the
		 * client (two-way communication).
		 */
		private boolean routeResponse;

		/**
		 * Time one invocation of the function may take before the emulator answers it as
		 * failed.
		 */
		private Duration timeout = Duration.ofSeconds(29);

		public @Nullable String getFunction() {
			return this.function;
		}

		public void setFunction(@Nullable String function) {
			this.function = function;
		}

		public boolean isRouteResponse() {
			return this.routeResponse;
		}

		public void setRouteResponse(boolean routeResponse) {
			this.routeResponse = routeResponse;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
