package dev.apigw.websocket.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;

import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

/**
 * Removes gone connections from a {@link ConnectionRegistry}, counting the removals in
 * {@code apigw.websocket.registry.pruned} when a {@link MeterRegistry} is given. The
 * {@link dev.apigw.websocket.WebSocketConnectionTemplate template} it is given to calls it
 * for every 410 before publishing the {@link WebSocketConnectionGoneEvent}, so pruning
 * does not depend on the application's listeners.
 * <p>
 * API Gateway also answers 410 for a connection whose {@code $connect} the application
 * has accepted but whose upgrade has not completed yet. A connection reported gone less
 * than the grace period after its {@link ConnectionRegistry#registeredAt(String)
 * registration} is therefore kept; a later gone event or its {@code $disconnect} removes
 * it.
 *
 * @author apigw-websocket
 */
public final class GoneConnectionPruner {

	/**
	 * Name of the counter of pruned connections.
	 */
	public static final String PRUNED_METER_NAME = "apigw.websocket.registry.pruned";

	/**
	 * Grace period used unless one is given.
	 */
	public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(GoneConnectionPruner.class);

	private final ConnectionRegistry registry;

	private final Duration gracePeriod;

	private final @Nullable Counter prunedCounter;

	private final AtomicLong pruned = new AtomicLong();

	/**
	 * Create a pruner without meters and with the {@link #DEFAULT_GRACE_PERIOD default
	 * grace period}.
	 * @param registry the registry to prune
	 */
	public GoneConnectionPruner(ConnectionRegistry registry) {
		this(registry, null);
	}

	/**
	 * Create a pruner with the {@link #DEFAULT_GRACE_PERIOD default grace period}.
	 * @param registry the registry to prune
	 * @param meterRegistry the meter registry to count prunes in, if any
	 */
	public GoneConnectionPruner(ConnectionRegistry registry, @Nullable MeterRegistry meterRegistry) {
		this(registry, DEFAULT_GRACE_PERIOD, meterRegistry);
	}

	/**
	 * Create a pruner.
	 * @param registry the registry to prune
	 * @param gracePeriod how long after its registration a connection reported gone is
	 * kept, {@link Duration#ZERO} to prune at once
	 * @param meterRegistry the meter registry to count prunes in, if any
	 */
	public GoneConnectionPruner(ConnectionRegistry registry, Duration gracePeriod,
			@Nullable MeterRegistry meterRegistry) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(gracePeriod, "'gracePeriod' must not be null");
		Assert.isTrue(!gracePeriod.isNegative(), () -> "'gracePeriod' must not be negative, but was " + gracePeriod);
		this.registry = registry;
		this.gracePeriod = gracePeriod;
		this.prunedCounter = (meterRegistry != null) ? Counter.builder(PRUNED_METER_NAME)
			.description("Connections removed from the registry because API Gateway reported them gone")
			.register(meterRegistry) : null;
	}

	/**
	 * Remove the gone connection from the registry, unless it was registered less than the
	 * grace period before it was reported gone.
	 * @param event the connection reported gone, and when
	 * @return whether the connection was removed
	 */
	public boolean prune(WebSocketConnectionGoneEvent event) {
		if (isWithinGracePeriod(event) || !this.registry.remove(event.connectionId())) {
			return false;
		}
		this.pruned.incrementAndGet();
		if (this.prunedCounter != null) {
			this.prunedCounter.increment();
		}
		return true;
	}

	private boolean isWithinGracePeriod(WebSocketConnectionGoneEvent event) {
		if (this.gracePeriod.isZero()) {
			return false;
		}
		Instant registeredAt = this.registry.registeredAt(event.connectionId()).orElse(null);
		if (registeredAt == null || !event.time().isBefore(registeredAt.plus(this.gracePeriod))) {
			return false;
		}
		logger.debug(LogMessage.format(
				"Kept connection '%s' reported gone %s after its registration, within the grace period of %s: "
						+ "API Gateway answers 410 until the upgrade of a new connection completes",
				event.connectionId(), Duration.between(registeredAt, event.time()), this.gracePeriod));
		return true;
	}

	/**
	 * Return how many connections this pruner removed.
	 * @return the number of removed connections
	 */
	public long prunedCount() {
		return this.pruned.get();
	}

}
