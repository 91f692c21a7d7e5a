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
 * Tests for {@link GoneConnectionPruner}.
 */
class GoneConnectionPrunerTests {

	private static final Instant REGISTERED = Instant.parse("2026-01-01T10:00:00Z");

	private static final Duration GRACE = Duration.ofSeconds(5);

	private final MutableClock clock = new MutableClock(REGISTERED);

	private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final GoneConnectionPruner pruner = new GoneConnectionPruner(this.registry, GRACE, this.meters);

	@BeforeEach
	void useClock() {
		this.registry.setClock(this.clock);
	}

	@Test
	void removesGoneConnectionAndCountsOnlyActualRemovals() {
		this.registry.register("a", Map.of());
		this.registry.register("b", Map.of());
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(this.pruner.prune(gone("a"))).isTrue();
		assertThat(this.pruner.prune(gone("a"))).isFalse();
		assertThat(this.pruner.prune(gone("unknown"))).isFalse();

		assertThat(this.registry.connectionIds()).containsExactly("b");
		assertThat(this.pruner.prunedCount()).isOne();
		assertThat(prunedMeterCount()).isOne();
	}

	@Test
	void connectionReportedGoneWithinGracePeriodOfItsRegistrationIsKept() {
		this.registry.register("new", Map.of("user", "ada"));

		assertThat(this.pruner.prune(gone("new"))).isFalse();
		this.clock.advance(GRACE.minusMillis(1));
		assertThat(this.pruner.prune(gone("new"))).isFalse();

		assertThat(this.registry.attributes("new")).contains(Map.of("user", "ada"));
		assertThat(this.pruner.prunedCount()).isZero();
		assertThat(prunedMeterCount()).isZero();
	}

	@Test
	void connectionKeptWithinGracePeriodIsPrunedByGoneEventAfterIt() {
		this.registry.register("new", Map.of());
		this.clock.advance(Duration.ofMillis(20));
		this.pruner.prune(gone("new"));
		assertThat(this.registry.contains("new")).isTrue();

		this.clock.advance(GRACE);
		this.pruner.prune(gone("new"));

		assertThat(this.registry.contains("new")).isFalse();
		assertThat(this.pruner.prunedCount()).isOne();
		assertThat(prunedMeterCount()).isOne();
	}

	@Test
	void gracePeriodEndsExactlyOneGracePeriodAfterRegistration() {
		this.registry.register("a", Map.of());
		this.clock.advance(GRACE);

		this.pruner.prune(gone("a"));

		assertThat(this.registry.contains("a")).isFalse();
	}

	@Test
	void reRegistrationDoesNotRestartGracePeriod() {
		this.registry.register("a", Map.of());
		this.clock.advance(GRACE);
		this.registry.register("a", Map.of("user", "ada"));

		this.pruner.prune(gone("a"));

		assertThat(this.registry.contains("a")).isFalse();
	}

	@Test
	void goneEventStampedBeforeRegistrationIsWithinGracePeriod() {
		// another instance, whose clock is slightly behind, saw the 410
		this.registry.register("a", Map.of());

		this.pruner.prune(gone("a", REGISTERED.minusMillis(300)));

		assertThat(this.registry.contains("a")).isTrue();
	}

	@Test
	void goneEventForUnknownConnectionIsHarmless() {
		this.registry.register("a", Map.of());

		this.pruner.prune(gone("unknown"));

		assertThat(this.registry.connectionIds()).containsExactly("a");
		assertThat(this.pruner.prunedCount()).isZero();
		assertThat(prunedMeterCount()).isZero();
	}

	@Test
	void zeroGracePeriodPrunesAtOnce() {
		GoneConnectionPruner immediate = new GoneConnectionPruner(this.registry, Duration.ZERO, null);
		this.registry.register("a", Map.of());

		immediate.prune(gone("a"));

		assertThat(this.registry.contains("a")).isFalse();
		assertThat(immediate.prunedCount()).isOne();
	}

	@Test
	void constructorsWithoutGracePeriodUseTheDefault() {
		GoneConnectionPruner withoutMeters = new GoneConnectionPruner(this.registry);
		GoneConnectionPruner withMeters = new GoneConnectionPruner(this.registry, new SimpleMeterRegistry());
		this.registry.register("a", Map.of());
		this.clock.advance(GoneConnectionPruner.DEFAULT_GRACE_PERIOD.minusMillis(1));

		withoutMeters.prune(gone("a"));
		withMeters.prune(gone("a"));
		assertThat(this.registry.contains("a")).isTrue();

		this.clock.advance(Duration.ofMillis(1));
		withMeters.prune(gone("a"));
		assertThat(this.registry.contains("a")).isFalse();
	}

	@Test
	void negativeGracePeriodIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new GoneConnectionPruner(this.registry, Duration.ofSeconds(-1), null))
			.withMessage("'gracePeriod' must not be negative, but was PT-1S");
	}

	private double prunedMeterCount() {
		return this.meters.get(GoneConnectionPruner.PRUNED_METER_NAME).counter().count();
	}

	private WebSocketConnectionGoneEvent gone(String connectionId) {
		return gone(connectionId, this.clock.instant());
	}

	private static WebSocketConnectionGoneEvent gone(String connectionId, Instant time) {
		return new WebSocketConnectionGoneEvent(connectionId, ManagementOperation.POST,
				URI.create("http://127.0.0.1:1/prod"), time);
	}

}
