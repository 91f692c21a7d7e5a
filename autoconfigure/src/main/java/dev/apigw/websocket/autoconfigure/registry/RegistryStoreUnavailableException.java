package dev.apigw.websocket.autoconfigure.registry;

/**
 * Thrown at startup when {@code apigw.websocket.registry.type} names a store that the
 * application lacks the dependencies or the connection for; says what to add.
 */
final class RegistryStoreUnavailableException extends IllegalStateException {

	private final String action;

	RegistryStoreUnavailableException(String description, String action) {
		super(description);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
