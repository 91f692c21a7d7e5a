package dev.apigw.websocket.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Passes property values to a core constructor or builder, and reports a value it rejects
 * as an {@link InvalidConfigurationPropertyValueException} for the property the value
 * came from. The core checks each argument itself and names it first, in quotes
 * ({@code 'maxAttempts' must be at least 1, was 0}), so its rules stay in one place; each
 * argument is mapped to its property here.
 */
final class PropertyArguments {

	private final Map<String, Property> properties = new LinkedHashMap<>();

	/**
	 * Map a core argument to the property its value comes from.
	 * @param argument the argument's name, as the core's checks quote it
	 * @param property the full name of the property
	 * @param value the property's value
	 * @return this instance
	 */
	PropertyArguments argument(String argument, String property, @Nullable Object value) {
		this.properties.put(argument, new Property(property, value));
		return this;
	}

	/**
	 * Create the core value.
	 * @param <T> the type of the value
	 * @param factory calls the core with the mapped values
	 * @return the value
	 * @throws InvalidConfigurationPropertyValueException when the core rejects an
	 * argument mapped here
	 */
	<T> T create(Supplier<T> factory) {
		try {
			return factory.get();
		}
		catch (IllegalArgumentException ex) {
			Property property = this.properties.get(firstQuoted(String.valueOf(ex.getMessage())));
			if (property == null) {
				throw ex;
			}
			throw new InvalidConfigurationPropertyValueException(property.name(), property.value(), ex.getMessage());
		}
	}

	private static String firstQuoted(String message) {
		int start = message.indexOf('\'');
		int end = (start >= 0) ? message.indexOf('\'', start + 1) : -1;
		return (end > start) ? message.substring(start + 1, end) : "";
	}

	private record Property(String name, @Nullable Object value) {
	}

}
