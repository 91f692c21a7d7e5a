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
 */
record EmulatorContext(EmulatorSettings settings, Routes routes, ConnectionTable connections, ClientEvents events,
		ManagementApi management) {

	static EmulatorContext create(EmulatorSettings settings, Routes routes, ConnectionTable connections,
			RouteInvoker invoker, EmulatorFaults faults) {
		@Nullable TokenBucket throttle = settings.throttlingEnabled()
				? new TokenBucket(settings.throttlePerSecond(), settings.throttleBurst()) : null;
		SigningVerification signing = settings.signing();
		@Nullable SignatureVerifier verifier = (signing != null) ? new SignatureVerifier(signing) : null;
		return new EmulatorContext(settings, routes, connections, new ClientEvents(routes, invoker, connections),
				new ManagementApi(connections, faults, throttle, verifier));
	}

}
