package dev.apigw.websocket.autoconfigure.inbound;

/**
 * Thrown at startup when the inbound endpoint would accept requests from anyone, or when
 * its shared secret is unusable.
 */
final class InboundSecretException extends RuntimeException {

	private final String action;

	/**
	 * Create a new instance.
	 * @param reason what is wrong, as a sentence naming the property
	 * @param action what to do about it, as a sentence naming the properties to set
	 */
	InboundSecretException(String reason, String action) {
		super(reason);
		this.action = action;
	}

	/**
	 * Return what to do about it.
	 * @return a sentence naming the properties to set
	 */
	String getAction() {
		return this.action;
	}

}
