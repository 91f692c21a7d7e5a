package dev.apigw.websocket.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when the {@code apigw.websocket.*} properties do not describe a
 * usable management endpoint.
 */
final class InvalidWebSocketEndpointException extends RuntimeException {

	private final String property;

	private final @Nullable String value;

	/**
	 * Create a new instance.
	 * @param property the full name of the property to set or fix, for example
	 * {@code apigw.websocket.stage}
	 * @param value the current value of that property, {@code null} when unset
	 * @param reason what is wrong, as a sentence
	 * @param cause the underlying cause, if any
	 */
	InvalidWebSocketEndpointException(String property, @Nullable String value, String reason,
			@Nullable Throwable cause) {
		super(reason, cause);
		this.property = property;
		this.value = value;
	}

	/**
	 * Return the full name of the property to set or fix.
	 * @return the property name
	 */
	String getProperty() {
		return this.property;
	}

	/**
	 * Return the current value of the property to fix.
	 * @return the value, or {@code null} when the property is unset
	 */
	@Nullable String getValue() {
		return this.value;
	}

}
