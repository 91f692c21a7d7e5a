package dev.apigw.websocket.registry;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.apigw.websocket.ManagementOperation;
import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ConnectionLifecycle}.
 */
class ConnectionLifecycleTests {

	private static final Instant REGISTERED = Instant.parse("2026-01-01T10:00:00Z");

	private static final Duration GRACE = Duration.ofSeconds(5);

	private final MutableClock clock = new MutableClock(REGISTERED);

	private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final ConnectionLifecycle lifecycle = new ConnectionLifecycle(this.registry, GRACE, this.meters);

	@BeforeEach
	void useClock() {
		this.registry.setClock(this.clock);
	}

	@Test
	void removesGoneConnectionAndCountsOnlyActualRemovals() {
		this.registry.register("a", Map.of());
		this.registry.register("b", Map.of());
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(this.lifecycle.gone(gone("a"))).isTrue();
		assertThat(this.lifecycle.gone(gone("a"))).isFalse();
		assertThat(this.lifecycle.gone(gone("unknown"))).isFalse();

		assertThat(this.registry.connectionIds()).containsExactly("b");
		assertThat(prunedMeterCount()).isOne();
	}

	@Test
	void connectionReportedGoneWithinGracePeriodOfItsRegistrationIsKept() {
		this.registry.register("new", Map.of("user", "ada"));

		assertThat(this.lifecycle.gone(gone("new"))).isFalse();
		this.clock.advance(GRACE.minusMillis(1));
		assertThat(this.lifecycle.gone(gone("new"))).isFalse();

		assertThat(this.registry.attributes("new")).contains(Map.of("user", "ada"));
		assertThat(prunedMeterCount()).isZero();
	}

	@Test
	void connectionKeptWithinGracePeriodIsPrunedByGoneEventAfterIt() {
		this.registry.register("new", Map.of());
		this.clock.advance(Duration.ofMillis(20));
		this.lifecycle.gone(gone("new"));
		assertThat(this.registry.contains("new")).isTrue();

		this.clock.advance(GRACE);
		this.lifecycle.gone(gone("new"));

		assertThat(this.registry.contains("new")).isFalse();
		assertThat(prunedMeterCount()).isOne();
	}

	@Test
	void gracePeriodEndsExactlyOneGracePeriodAfterRegistration() {
		this.registry.register("a", Map.of());
		this.clock.advance(GRACE);

		this.lifecycle.gone(gone("a"));

		assertThat(this.registry.contains("a")).isFalse();
	}

	@Test
	void reRegistrationDoesNotRestartGracePeriod() {
		this.registry.register("a", Map.of());
		this.clock.advance(GRACE);
		this.registry.register("a", Map.of("user", "ada"));

		this.lifecycle.gone(gone("a"));

		assertThat(this.registry.contains("a")).isFalse();
	}

	@Test
	void goneEventStampedBeforeRegistrationIsWithinGracePeriod() {
		// another instance, whose clock is slightly behind, saw the 410
		this.registry.register("a", Map.of());

		this.lifecycle.gone(gone("a", REGISTERED.minusMillis(300)));

		assertThat(this.registry.contains("a")).isTrue();
	}

	@Test
	void goneEventForUnknownConnectionIsHarmless() {
		this.registry.register("a", Map.of());

		this.lifecycle.gone(gone("unknown"));

		assertThat(this.registry.connectionIds()).containsExactly("a");
		assertThat(prunedMeterCount()).isZero();
	}

	@Test
	void zeroGracePeriodPrunesAtOnce() {
		ConnectionLifecycle immediate = new ConnectionLifecycle(this.registry, Duration.ZERO, null);
		this.registry.register("a", Map.of());

		immediate.gone(gone("a"));

		assertThat(this.registry.contains("a")).isFalse();
	}

	@Test
	void constructorWithoutGracePeriodUsesTheDefault() {
		ConnectionLifecycle withDefaults = new ConnectionLifecycle(this.registry);
		this.registry.register("a", Map.of());
		this.clock.advance(ConnectionLifecycle.DEFAULT_GRACE_PERIOD.minusMillis(1));

		withDefaults.gone(gone("a"));
		assertThat(this.registry.contains("a")).isTrue();

		this.clock.advance(Duration.ofMillis(1));
		withDefaults.gone(gone("a"));
		assertThat(this.registry.contains("a")).isFalse();
	}

	@Test
	void connectedRegistersWithoutAttributesAndRemembersWhen() {
		this.lifecycle.connected("a");

		assertThat(this.registry.attributes("a")).contains(Map.of());
		assertThat(this.registry.registeredAt("a")).contains(REGISTERED);
	}

	@Test
	void connectedKeepsTheRegistrationAListenerMade() {
		this.registry.register("a", Map.of("user", "ada"));
		this.clock.advance(Duration.ofSeconds(1));

		this.lifecycle.connected("a");

		assertThat(this.registry.attributes("a")).contains(Map.of("user", "ada"));
		assertThat(this.registry.registeredAt("a")).contains(REGISTERED);
	}

	@Test
	void refusedRemovesTheRegistrationAListenerMade() {
		this.registry.register("a", Map.of("user", "ada"));
		this.registry.register("b", Map.of());

		this.lifecycle.refused("a");
		this.lifecycle.refused("unknown");

		assertThat(this.registry.connectionIds()).containsExactly("b");
	}

	@Test
	void disconnectedRemovesAndReturnsTheAttributes() {
		this.registry.register("a", Map.of("user", "ada"));

		assertThat(this.lifecycle.disconnected("a")).isEqualTo(Map.of("user", "ada"));
		assertThat(this.registry.contains("a")).isFalse();
		assertThat(this.lifecycle.disconnected("a")).isEmpty();
		// a disconnect within the grace period is a leave: only a 410 may be an upgrade
		// in progress
		assertThat(prunedMeterCount()).isZero();
	}

	@Test
	void blankConnectionIdIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.lifecycle.connected(" "))
			.withMessage("'connectionId' must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> this.lifecycle.disconnected(""))
			.withMessage("'connectionId' must not be blank");
	}

	@Test
	void negativeGracePeriodIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ConnectionLifecycle(this.registry, Duration.ofSeconds(-1), null))
			.withMessage("'gracePeriod' must not be negative, but was PT-1S");
	}

	private double prunedMeterCount() {
		return this.meters.get(ConnectionLifecycle.PRUNED_METER_NAME).counter().count();
	}

	private WebSocketConnectionGoneEvent gone(String connectionId) {
		return gone(connectionId, this.clock.instant());
	}

	private static WebSocketConnectionGoneEvent gone(String connectionId, Instant time) {
		return new WebSocketConnectionGoneEvent(connectionId, ManagementOperation.POST,
				URI.create("http://127.0.0.1:1/prod"), time);
	}

}
