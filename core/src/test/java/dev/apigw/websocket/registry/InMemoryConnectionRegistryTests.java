package dev.apigw.websocket.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link InMemoryConnectionRegistry}.
 */
class InMemoryConnectionRegistryTests {

	private static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();

	@BeforeEach
	void useClock() {
		this.registry.setClock(this.clock);
	}

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
	void registrationTimeIsTakenFromTheClock() {
		this.registry.register("a", Map.of());
		this.clock.advance(Duration.ofSeconds(3));
		this.registry.register("b", Map.of());
		assertThat(this.registry.registeredAt("a")).contains(START);
		assertThat(this.registry.registeredAt("b")).contains(START.plusSeconds(3));
		assertThat(this.registry.registeredAt("unknown")).isEmpty();
	}

	@Test
	void reRegistrationReplacesAttributesAndKeepsRegistrationTime() {
		this.registry.register("a", Map.of("user", "ada"));
		this.clock.advance(Duration.ofMinutes(1));
		this.registry.register("a", Map.of("user", "bob"));
		assertThat(this.registry.attributes("a")).contains(Map.of("user", "bob"));
		assertThat(this.registry.registeredAt("a")).contains(START);
	}

	@Test
	void removedConnectionRegisteredAgainGetsNewRegistrationTime() {
		this.registry.register("a", Map.of());
		this.registry.remove("a");
		assertThat(this.registry.registeredAt("a")).isEmpty();
		this.clock.advance(Duration.ofMinutes(1));
		this.registry.register("a", Map.of());
		assertThat(this.registry.registeredAt("a")).contains(START.plusSeconds(60));
	}

	@Test
	void nullClockIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.registry.setClock(null))
			.withMessage("'clock' must not be null");
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
