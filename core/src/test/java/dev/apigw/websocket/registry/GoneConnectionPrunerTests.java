package dev.apigw.websocket.registry;

import java.net.URI;
import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import dev.apigw.websocket.ManagementOperation;
import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link GoneConnectionPruner}.
 */
class GoneConnectionPrunerTests {

	@Test
	void removesGoneConnectionAndCountsOnlyActualRemovals() {
		InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();
		registry.register("a", Map.of());
		registry.register("b", Map.of());
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		GoneConnectionPruner pruner = new GoneConnectionPruner(registry, meters);

		pruner.onConnectionGone(gone("a"));
		pruner.onConnectionGone(gone("a"));
		pruner.onConnectionGone(gone("unknown"));

		assertThat(registry.connectionIds()).containsExactly("b");
		assertThat(pruner.prunedCount()).isOne();
		assertThat(meters.get(GoneConnectionPruner.PRUNED_METER_NAME).counter().count()).isOne();
	}

	private static WebSocketConnectionGoneEvent gone(String connectionId) {
		return new WebSocketConnectionGoneEvent(connectionId, ManagementOperation.POST,
				URI.create("http://127.0.0.1:1/prod"), Instant.now());
	}

}
