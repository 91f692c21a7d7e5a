package dev.apigw.websocket.emulator;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Fixed settings of one emulator, taken from its builder.
 *
 * @param host address to bind
 * @param port port to bind, 0 for an ephemeral one
 * @param stage stage name, the first path segment of every URL
 * @param throttlePerSecond management requests per second, 0 when throttling is off
 * @param throttleBurst token bucket size
 * @param signing signature verification, or {@code null} when requests are not checked
 * @param idleTimeout idle time after which a connection is closed
 * @param maxConnectionDuration time after which any connection is closed
 * @param messageHistory messages kept per connection and direction for
 * {@code connections()}
 * @param limits bounds and timeouts that protect the emulator from slow or greedy clients
 * @param apiId API id in Lambda events
 * @param integrationLimits bounds of route integrations (HTTP, in-process and Lambda)
 */
record EmulatorSettings(String host, int port, String stage, double throttlePerSecond, int throttleBurst,
		@Nullable SigningVerification signing, Duration idleTimeout, Duration maxConnectionDuration, int messageHistory,
		EmulatorLimits limits, String apiId, IntegrationLimits integrationLimits) {

	/** API Gateway's message size limit, for management posts and client messages. */
	static final int MAX_MESSAGE_BYTES = 128 * 1024;

	boolean throttlingEnabled() {
		return this.throttlePerSecond > 0;
	}

}
