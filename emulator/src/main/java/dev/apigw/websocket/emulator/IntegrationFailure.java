package dev.apigw.websocket.emulator;

/**
 * Why an integration call failed, already logged under its kind; the client gets API
 * Gateway's answer to a failed integration.
 */
final class IntegrationFailure extends RuntimeException {

	private final RefusalLog.Kind kind;

	IntegrationFailure(RefusalLog.Kind kind, String message) {
		super(message, null, false, false);
		this.kind = kind;
	}

	RefusalLog.Kind kind() {
		return this.kind;
	}

}
