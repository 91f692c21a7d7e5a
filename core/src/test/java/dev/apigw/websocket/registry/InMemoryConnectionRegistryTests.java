package dev.apigw.websocket.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link InMemoryConnectionRegistry}.
 */
class InMemoryConnectionRegistryTests extends ConnectionRegistryContractTests {

	private InMemoryConnectionRegistry inMemory;

	@Override
	protected ConnectionRegistry createRegistry(MutableClock clock, Duration timeToLive) {
		InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();
		registry.setClock(clock);
		registry.setTimeToLive(timeToLive);
		if (this.inMemory == null) {
			this.inMemory = registry;
		}
		return registry;
	}

	@Override
	protected void assertStoreHoldsOnly(Set<String> connectionIds) {
		Set<String> indexed = new HashSet<>();
		this.inMemory.groupIndex().forEach((group, members) -> {
			assertThat(members).as("members of %s", group).isNotEmpty();
			members.forEach((id) -> assertThat(this.inMemory.groups(id)).as("groups of %s", id).contains(group));
			indexed.addAll(members);
		});
		this.inMemory.userIndex().forEach((user, members) -> {
			assertThat(members).as("connections of %s", user).isNotEmpty();
			members.forEach((id) -> assertThat(this.inMemory.find(id).orElseThrow().userId()).isEqualTo(user));
			indexed.addAll(members);
		});
		assertThat(connectionIds).containsAll(indexed);
		assertThat(this.inMemory.connectionIds()).containsExactlyInAnyOrderElementsOf(connectionIds);
	}

	@Test
	void registrationTimeIsTakenFromTheClock() {
		Instant start = this.clock.instant();
		registry().register("a", Map.of());
		this.clock.advance(Duration.ofSeconds(3));
		registry().register("b", Map.of());
		assertThat(registry().registeredAt("a")).contains(start);
		assertThat(registry().registeredAt("b")).contains(start.plusSeconds(3));
		assertThat(registry().registeredAt("unknown")).isEmpty();
	}

	@Test
	void removedConnectionRegisteredAgainGetsNewRegistrationTime() {
		Instant start = this.clock.instant();
		registry().register("a", Map.of());
		registry().remove("a");
		assertThat(registry().registeredAt("a")).isEmpty();
		this.clock.advance(Duration.ofMinutes(1));
		registry().register("a", Map.of());
		assertThat(registry().registeredAt("a")).contains(start.plusSeconds(60));
	}

	@Test
	void expiredConnectionsAreDroppedWithTheirIndexEntries() {
		registry().register("a", "ada", Map.of());
		registry().join("a", "lobby");
		this.clock.advance(Duration.ofMinutes(10));
		registry().register("b", "bob", Map.of());
		registry().join("b", "lobby");
		this.clock.advance(TTL.minusMinutes(10));

		assertThat(this.inMemory.removeExpired()).isOne();

		assertThat(this.inMemory.groupIndex()).isEqualTo(Map.of("lobby", Set.of("b")));
		assertThat(this.inMemory.userIndex()).isEqualTo(Map.of("bob", Set.of("b")));
		assertThat(this.inMemory.removeExpired()).isZero();
	}

	@Test
	void registrationsSweepExpiredConnectionsAtMostOnceAMinute() {
		registry().register("a", "ada", Map.of());
		registry().join("a", "lobby");
		this.clock.advance(TTL.minusSeconds(30));
		registry().register("z", Map.of()); // sweeps: nothing has expired yet
		this.clock.advance(Duration.ofSeconds(30));

		registry().register("b", Map.of());
		assertThat(this.inMemory.userIndex()).containsKey("ada");

		this.clock.advance(Duration.ofSeconds(30));
		registry().register("c", Map.of());
		assertThat(this.inMemory.userIndex()).doesNotContainKey("ada");
		assertThat(this.inMemory.groupIndex()).doesNotContainKey("lobby");
	}

	@Test
	void timeToLiveDefaultsToTheMaximumConnectionDuration() {
		assertThat(new InMemoryConnectionRegistry().getTimeToLive()).isEqualTo(Duration.ofHours(2))
			.isEqualTo(ConnectionRegistry.DEFAULT_TIME_TO_LIVE);
	}

	@Test
	void nonPositiveTimeToLiveIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.inMemory.setTimeToLive(Duration.ZERO))
			.withMessage("'timeToLive' must be positive, but was PT0S");
	}

	@Test
	void nullClockIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.inMemory.setClock(null))
			.withMessage("'clock' must not be null");
	}

	@Test
	void concurrentRegistrationsAndRemovalsAreAllApplied() {
		CompletableFuture<?>[] writers = IntStream.range(0, 8).mapToObj((writer) -> CompletableFuture.runAsync(() -> {
			for (int i = 0; i < 1000; i++) {
				registry().register(writer + "-" + i, Map.of());
			}
			for (int i = 0; i < 1000; i += 2) {
				registry().remove(writer + "-" + i);
			}
		})).toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(writers).join();
		assertThat(registry().size()).isEqualTo(8 * 500);
	}

}
