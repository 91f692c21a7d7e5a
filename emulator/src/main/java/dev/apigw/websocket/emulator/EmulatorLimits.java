package dev.apigw.websocket.emulator;

import java.time.Duration;

/**
 * What one emulator may hold at once and how long it waits for slow clients; see the
 * builder methods of the same names.
 *
 * @param maxConnections TCP connections (HTTP and WebSocket) served at once
 * @param maxRequestBufferBytes request body bytes buffered across all HTTP connections
 * @param httpRequestTimeout time a client has to send one whole HTTP request
 * @param httpIdleTimeout time a keep-alive HTTP connection may wait for its next request
 * @param maxPendingMessages client messages per connection that wait for their
 * integration before the emulator stops reading from that connection
 * @param maxPendingMessageBytes bytes of client messages waiting for integrations across
 * all connections before the emulator stops reading from the connections that send more
 */
record EmulatorLimits(int maxConnections, long maxRequestBufferBytes, Duration httpRequestTimeout,
		Duration httpIdleTimeout, int maxPendingMessages, long maxPendingMessageBytes) {

	static final int DEFAULT_MAX_CONNECTIONS = 20_000;

	static final long DEFAULT_MAX_REQUEST_BUFFER_BYTES = 64L * 1024 * 1024;

	static final Duration DEFAULT_HTTP_REQUEST_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Longer than the 60 s after which the AWS SDK's HTTP clients retire idle
	 * connections.
	 */
	static final Duration DEFAULT_HTTP_IDLE_TIMEOUT = Duration.ofSeconds(75);

	static final int DEFAULT_MAX_PENDING_MESSAGES = 32;

	static final long DEFAULT_MAX_PENDING_MESSAGE_BYTES = 64L * 1024 * 1024;

	static EmulatorLimits defaults() {
		return new EmulatorLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_REQUEST_BUFFER_BYTES,
				DEFAULT_HTTP_REQUEST_TIMEOUT, DEFAULT_HTTP_IDLE_TIMEOUT, DEFAULT_MAX_PENDING_MESSAGES,
				DEFAULT_MAX_PENDING_MESSAGE_BYTES);
	}

}
