package dev.apigw.websocket.registry;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link InMemoryConnectionRegistry}.
 */
class InMemoryConnectionRegistryTests {

	private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();

	@Test
	void registersLooksUpAndRemovesConnections() {
		this.registry.register("a", Map.of("user", "ada"));
		this.registry.register("b", Map.of());
		assertThat(this.registry.contains("a")).isTrue();
		assertThat(this.registry.attributes("a")).contains(Map.of("user", "ada"));
		assertThat(this.registry.connectionIds()).containsExactlyInAnyOrder("a", "b");
		assertThat(this.registry.size()).isEqualTo(2);
		assertThat(this.registry.remove("a")).isTrue();
		assertThat(this.registry.remove("a")).isFalse();
		assertThat(this.registry.attributes("a")).isEmpty();
		assertThat(this.registry.size()).isOne();
	}

	@Test
	void attributesAreCopiedOnRegistration() {
		Map<String, String> attributes = new HashMap<>(Map.of("user", "ada"));
		this.registry.register("a", attributes);
		attributes.put("user", "bob");
		assertThat(this.registry.attributes("a")).contains(Map.of("user", "ada"));
	}

	@Test
	void blankIdIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.register(" ", Map.of()))
			.withMessage("'connectionId' must not be blank");
	}

	@Test
	void concurrentRegistrationsAndRemovalsAreAllApplied() {
		CompletableFuture<?>[] writers = IntStream.range(0, 8)
			.mapToObj((writer) -> CompletableFuture.runAsync(() -> {
				for (int i = 0; i < 1000; i++) {
					this.registry.register(writer + "-" + i, Map.of());
				}
				for (int i = 0; i < 1000; i += 2) {
					this.registry.remove(writer + "-" + i);
				}
			}))
			.toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(writers).join();
		assertThat(this.registry.size()).isEqualTo(8 * 500);
	}

}
