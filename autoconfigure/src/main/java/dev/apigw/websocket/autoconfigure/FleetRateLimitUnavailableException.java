package dev.apigw.websocket.autoconfigure;

/**
 * Thrown at startup when {@code apigw.websocket.broadcast.rate-limit-scope} is
 * {@code fleet} but the application lacks the dependencies, the Redis connection or the
 * rate for it; says what to add or set.
 */
final class FleetRateLimitUnavailableException extends IllegalStateException {

	private final String action;

	FleetRateLimitUnavailableException(String description, String action) {
		super(description);
		this.action = action;
	}

	String getAction() {
		return this.action;
	}

}
