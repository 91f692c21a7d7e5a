package dev.apigw.websocket.emulator;

import org.jspecify.annotations.Nullable;

/**
 * What the channel handlers of one emulator share.
 *
 * @param settings fixed settings
 * @param routes route integrations
 * @param connections open connections
 * @param events client message and close handling
 * @param management the management API
 * @param connectionLimit open TCP connections and their limit
 * @param requestBuffer request body bytes buffered across connections
 * @param pendingMessages client messages waiting for integrations
 * @param refusals log of what is refused
 */
record EmulatorContext(EmulatorSettings settings, Routes routes, ConnectionTable connections, ClientEvents events,
		ManagementApi management, ConnectionLimit connectionLimit, RequestBufferBudget requestBuffer,
		PendingMessages pendingMessages, RefusalLog refusals) {

	static EmulatorContext create(EmulatorSettings settings, Routes routes, ConnectionTable connections,
			RouteInvoker invoker, EmulatorFaults faults, RefusalLog refusals) {
		@Nullable TokenBucket throttle = settings.throttlingEnabled()
				? new TokenBucket(settings.throttlePerSecond(), settings.throttleBurst()) : null;
		SigningVerification signing = settings.signing();
		@Nullable SignatureVerifier verifier = (signing != null) ? new SignatureVerifier(signing) : null;
		EmulatorLimits limits = settings.limits();
		PendingMessages pending = new PendingMessages(limits.maxPendingMessages(), limits.maxPendingMessageBytes(),
				refusals);
		return new EmulatorContext(settings, routes, connections,
				new ClientEvents(routes, invoker, connections, pending),
				new ManagementApi(connections, faults, throttle, verifier, refusals),
				new ConnectionLimit(limits.maxConnections()), new RequestBufferBudget(limits.maxRequestBufferBytes()),
				pending, refusals);
	}

}
