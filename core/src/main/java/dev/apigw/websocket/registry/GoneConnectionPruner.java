package dev.apigw.websocket.registry;

import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;

import org.springframework.context.event.EventListener;
import org.springframework.util.Assert;

/**
 * Removes gone connections from a {@link ConnectionRegistry} when a
 * {@link WebSocketConnectionGoneEvent} is published, counting the removals in
 * {@code apigw.websocket.registry.pruned} when a {@link MeterRegistry} is given.
 *
 * @author apigw-websocket
 */
public final class GoneConnectionPruner {

	/**
	 * Name of the counter of pruned connections.
	 */
	public static final String PRUNED_METER_NAME = "apigw.websocket.registry.pruned";

	private final ConnectionRegistry registry;

	private final @Nullable Counter prunedCounter;

	private final AtomicLong pruned = new AtomicLong();

	/**
	 * Create a pruner without meters.
	 * @param registry the registry to prune
	 */
	public GoneConnectionPruner(ConnectionRegistry registry) {
		this(registry, null);
	}

	/**
	 * Create a pruner.
	 * @param registry the registry to prune
	 * @param meterRegistry the meter registry to count prunes in, if any
	 */
	public GoneConnectionPruner(ConnectionRegistry registry, @Nullable MeterRegistry meterRegistry) {
		Assert.notNull(registry, "'registry' must not be null");
		this.registry = registry;
		this.prunedCounter = (meterRegistry != null) ? Counter.builder(PRUNED_METER_NAME)
			.description("Connections removed from the registry because API Gateway reported them gone")
			.register(meterRegistry) : null;
	}

	/**
	 * Remove the gone connection from the registry.
	 * @param event the gone event
	 */
	@EventListener
	public void onConnectionGone(WebSocketConnectionGoneEvent event) {
		if (this.registry.remove(event.connectionId())) {
			this.pruned.incrementAndGet();
			if (this.prunedCounter != null) {
				this.prunedCounter.increment();
			}
		}
	}

	/**
	 * Return how many connections this pruner removed.
	 * @return the number of removed connections
	 */
	public long prunedCount() {
		return this.pruned.get();
	}

}
