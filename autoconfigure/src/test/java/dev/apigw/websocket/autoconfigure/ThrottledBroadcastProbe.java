package dev.apigw.websocket.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import dev.apigw.websocket.BroadcastResult;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.testfixture.RateLimitedManagementServer;

/**
 * A measurement, not a test: a throttled broadcast through the auto-configured clients
 * against {@link RateLimitedManagementServer}, printing what it took. Runs only when
 * asked, for example {@code mvn -B -o -pl autoconfigure -am verify
 * -Dtest=ThrottledBroadcastProbe -Dsurefire.failIfNoSpecifiedTests=false
 * -Dinvoker.skip=true -Dprobe.n=1000 -Dprobe.rate=100 -Dprobe.burst=50 -Dprobe.rounds=3};
 * it prints lines starting with {@code PROBE} to the test's output file.
 */
@EnabledIfSystemProperty(named = "probe.n", matches = "\\d+")
class ThrottledBroadcastProbe {

	@Test
	void probe() {
		int n = Integer.getInteger("probe.n", 20000);
		double rate = Double.parseDouble(System.getProperty("probe.rate", "2000"));
		int burst = Integer.getInteger("probe.burst", 1000);
		long latency = Long.getLong("probe.latency", 0);
		String[] extra = System.getProperty("probe.props", "").isBlank() ? new String[0]
				: System.getProperty("probe.props").split(";");
		try (RateLimitedManagementServer server = RateLimitedManagementServer.start()) {
			if (rate > 0) {
				server.rateLimit(rate, burst);
			}
			server.latency(Duration.ofMillis(latency));
			AutoConfigurationTestSupport.contextRunnerWithOwnHttpClients()
				.withPropertyValues("apigw.websocket.endpoint=" + server.endpoint())
				.withPropertyValues(extra)
				.run((context) -> {
					WebSocketConnectionTemplate template = context.getBean(WebSocketConnectionTemplate.class);
					for (int round = 0; round < Integer.getInteger("probe.rounds", 1); round++) {
						long c0 = server.connections(), p0 = server.posts(), t0 = server.throttled();
						List<String> ids = IntStream.range(0, n).mapToObj((i) -> "id" + i).toList();
						long start = System.nanoTime();
						BroadcastResult result = template.broadcast(ids, "x".repeat(256));
						long ms = (System.nanoTime() - start) / 1_000_000;
						long posts = server.posts() - p0, thr = server.throttled() - t0;
						System.out.printf(
								"PROBE n=%d rate=%s latency=%d: delivered=%d failed=%d notAttempted=%d time=%dms (%.0f/s) posts=%d 429=%d (%.2f%%) new connections=%d%n",
								n, rate, latency, result.delivered().size(), result.failed().size(),
								result.notAttempted().size(), ms, n * 1000.0 / ms, posts, thr, 100.0 * thr / posts,
								server.connections() - c0);
					}
				});
		}
	}

}
