package dev.apigw.websocket.autoconfigure.emulator;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

import dev.apigw.websocket.emulator.LambdaHandler;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Calls a {@link Function} bean with the emulator's Lambda event converted to the
 * function's input type, as Spring Cloud Function's AWS adapter does: the event map for
 * {@code Object} or {@code Map}, its JSON for {@code String} and {@code byte[]}, a
 * {@code Message} with the JSON as payload, or any bean Jackson can bind (unknown fields
 * ignored, as the Lambda runtime does). A {@code Message} result gives its payload; JSON
 * text or bytes are read as the function's JSON response.
 */
final class FunctionBeanLambdaHandler implements LambdaHandler {

	private static final String MESSAGE = "org.springframework.messaging.Message";

	private static final String GENERIC_MESSAGE = "org.springframework.messaging.support.GenericMessage";

	private static final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private final Function<Object, Object> function;

	private final ResolvableType inputType;

	private final Class<?> input;

	FunctionBeanLambdaHandler(Function<Object, Object> function, ResolvableType inputType) {
		this.function = function;
		this.inputType = inputType;
		Class<?> resolved = inputType.resolve();
		this.input = (resolved != null) ? resolved : Object.class;
	}

	@Override
	public @Nullable Object handleRequest(Map<String, Object> event) throws Exception {
		return result(this.function.apply(argument(event)));
	}

	private Object argument(Map<String, Object> event) throws ReflectiveOperationException {
		if (this.input == Object.class || this.input.isAssignableFrom(Map.class)) {
			return event;
		}
		if (this.input == String.class) {
			return mapper.writeValueAsString(event);
		}
		if (this.input == byte[].class) {
			return mapper.writeValueAsBytes(event);
		}
		if (MESSAGE.equals(this.input.getName())) {
			Class<?> message = ClassUtils.forName(GENERIC_MESSAGE, this.input.getClassLoader());
			Constructor<?> constructor = message.getConstructor(Object.class, Map.class);
			return constructor.newInstance(mapper.writeValueAsBytes(event), Map.of("contentType", "application/json"));
		}
		JavaType type = mapper.getTypeFactory().constructType(this.inputType.getType());
		return mapper.convertValue(event, type);
	}

	private static @Nullable Object result(@Nullable Object result) throws ReflectiveOperationException {
		if (result != null && isMessage(result.getClass())) {
			Method payload = result.getClass().getMethod("getPayload");
			return result(payload.invoke(result));
		}
		if (result instanceof byte[] bytes) {
			return json(new String(bytes, StandardCharsets.UTF_8));
		}
		if (result instanceof String text) {
			return json(text);
		}
		return result;
	}

	/**
	 * Spring Cloud Function writes text results as they are, so JSON text is the
	 * function's JSON response; other text stays a string.
	 */
	private static Object json(String text) {
		String trimmed = text.trim();
		if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
			try {
				return mapper.readValue(trimmed, Object.class);
			}
			catch (JacksonException ex) {
				// not JSON after all: the text itself
			}
		}
		return text;
	}

	private static boolean isMessage(Class<?> type) {
		for (Class<?> candidate : ClassUtils.getAllInterfacesForClassAsSet(type)) {
			if (MESSAGE.equals(candidate.getName())) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return "function bean taking " + this.inputType;
	}

}
