package dev.apigw.websocket.observation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import org.junit.jupiter.api.Test;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.ManagementOperation;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ManagementCallContext}: its own storage of key values answers as
 * {@link Observation.Context}'s maps do, whatever the order of changes.
 */
class ManagementCallContextTests {

	private static final ManagementEndpoint ENDPOINT = ManagementEndpoint
		.of(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"));

	private final Observation.Context reference = new Observation.Context();

	private final ManagementCallContext context = new ManagementCallContext("abc=", ManagementOperation.POST, ENDPOINT,
			1);

	@Test
	void keyValuesOfAStartAndAStopWithTheSameKeysAreThoseOfTheStop() {
		KeyValues start = KeyValues.of("operation", "post", "outcome", "unknown", "api", "abc123");
		KeyValues stop = KeyValues.of("operation", "post", "outcome", "success", "api", "abc123");
		both((context) -> context.addLowCardinalityKeyValues(start));
		both((context) -> context.addLowCardinalityKeyValues(stop));
		assertThat(this.context.getLowCardinalityKeyValues()).isSameAs(stop);
		assertThat(this.context.getLowCardinalityKeyValue("outcome")).isEqualTo(KeyValue.of("outcome", "success"));
	}

	@Test
	void keyValuesAddedByOthersAreMergedTheLastValueOfAKeyWinning() {
		both((context) -> context.addLowCardinalityKeyValues(KeyValues.of("operation", "post", "outcome", "unknown")));
		both((context) -> context.addLowCardinalityKeyValue(KeyValue.of("region", "eu-west-1")));
		both((context) -> context.addLowCardinalityKeyValues(KeyValues.of("operation", "get", "outcome", "gone")));
		both((context) -> context.addLowCardinalityKeyValues(KeyValues.of("outcome", "success", "zone", "a")));
		both((context) -> context.addLowCardinalityKeyValue(KeyValue.of("operation", "delete")));
		both((context) -> context.addLowCardinalityKeyValues(KeyValues.empty()));
		assertThat(this.context.getLowCardinalityKeyValues()).containsExactly(KeyValue.of("operation", "delete"),
				KeyValue.of("outcome", "success"), KeyValue.of("region", "eu-west-1"), KeyValue.of("zone", "a"));
	}

	@Test
	void keyValuesAreRemovedOneOrManyAtATime() {
		both((context) -> context.addLowCardinalityKeyValues(KeyValues.of("a", "1", "b", "2", "c", "3", "d", "4")));
		both((context) -> context.removeLowCardinalityKeyValue("b"));
		both((context) -> context.removeLowCardinalityKeyValue("missing"));
		both((context) -> context.removeLowCardinalityKeyValues("a", "d"));
		both((context) -> context.addHighCardinalityKeyValues(KeyValues.of("x", "1", "y", "2")));
		both((context) -> context.removeHighCardinalityKeyValue("x"));
		both((context) -> context.addHighCardinalityKeyValue(KeyValue.of("z", "3")));
		both((context) -> context.removeHighCardinalityKeyValues("y", "missing"));
		assertThat(this.context.getLowCardinalityKeyValues()).containsExactly(KeyValue.of("c", "3"));
		assertThat(this.context.getHighCardinalityKeyValues()).containsExactly(KeyValue.of("z", "3"));
	}

	@Test
	void highCardinalityKeyValuesAreKeptApartFromLowCardinalityOnes() {
		both((context) -> context.addLowCardinalityKeyValues(KeyValues.of("operation", "post")));
		both((context) -> context.addHighCardinalityKeyValues(KeyValues.of("connection.id", "abc=", "attempt", "1")));
		both((context) -> context.addHighCardinalityKeyValues(KeyValues.of("connection.id", "abc=", "attempt", "2")));
		assertThat(this.context.getLowCardinalityKeyValues()).containsExactly(KeyValue.of("operation", "post"));
		assertThat(this.context.getHighCardinalityKeyValue("attempt")).isEqualTo(KeyValue.of("attempt", "2"));
		assertThat(this.context.getAllKeyValues()).hasSize(3);
	}

	@Test
	void overridesEveryMethodOfObservationContextThatKeepsKeyValues() {
		// a method that a later Micrometer added would read maps this context leaves
		// empty;
		// getAllKeyValues reads through the getters
		List<Method> keyValueMethods = Arrays.stream(Observation.Context.class.getDeclaredMethods())
			.filter((method) -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers()))
			.filter((method) -> method.getName().contains("KeyValue"))
			.filter((method) -> !method.getName().equals("getAllKeyValues"))
			.toList();
		assertThat(keyValueMethods).hasSize(12);
		for (Method method : keyValueMethods) {
			assertThat(Arrays.stream(ManagementCallContext.class.getDeclaredMethods())
				.anyMatch((own) -> own.getName().equals(method.getName())
						&& Arrays.equals(own.getParameterTypes(), method.getParameterTypes())))
				.as("ManagementCallContext overrides %s", method)
				.isTrue();
		}
	}

	// applies a change to both contexts, then compares everything they answer
	private void both(Consumer<Observation.Context> change) {
		change.accept(this.reference);
		change.accept(this.context);
		assertThat(this.context.getLowCardinalityKeyValues()).isEqualTo(this.reference.getLowCardinalityKeyValues());
		assertThat(this.context.getHighCardinalityKeyValues()).isEqualTo(this.reference.getHighCardinalityKeyValues());
		assertThat(this.context.getAllKeyValues()).isEqualTo(this.reference.getAllKeyValues());
		for (String key : List.of("a", "b", "c", "d", "x", "y", "z", "operation", "outcome", "api", "region", "zone",
				"connection.id", "attempt", "missing")) {
			assertThat(this.context.getLowCardinalityKeyValue(key))
				.isEqualTo(this.reference.getLowCardinalityKeyValue(key));
			assertThat(this.context.getHighCardinalityKeyValue(key))
				.isEqualTo(this.reference.getHighCardinalityKeyValue(key));
		}
	}

}
