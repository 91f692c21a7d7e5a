package dev.apigw.websocket.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import dev.apigw.websocket.testfixture.ManagementApiTestClients;

/**
 * End-to-end load on loopback: holds many idle WebSocket connections on an emulator
 * running in a child JVM with a fixed heap (default 256 MB) and reports heap per
 * connection, then posts through the real AWS SDK client and reports posts per second
 * delivered and post-to-receive latency. Bounded in connections, posts and time.
 * <p>
 * Flags: {@code --connections 10000 --posts 50000 --threads 32 --emulator-heap 256m
 * --time-limit 300s}.
 */
public final class EmulatorLoadBenchmark {

	private static final int WARM_UP_POSTS = 5_000;

	private EmulatorLoadBenchmark() {
	}

	/**
	 * Run the benchmark and print the figures.
	 * @param args flags, see the class description
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		int connections = intFlag(args, "--connections", 10_000);
		int posts = intFlag(args, "--posts", 50_000);
		int threads = intFlag(args, "--threads", 32);
		String heap = flag(args, "--emulator-heap", "256m");
		Duration timeLimit = Duration.ofSeconds(Long.parseLong(flag(args, "--time-limit", "300s").replace("s", "")));
		long deadline = System.nanoTime() + timeLimit.toNanos();
		requireFileDescriptors(connections);

		LatencyRecorder latencies = new LatencyRecorder(Math.max(posts, WARM_UP_POSTS));
		try (EmulatorProcess emulator = new EmulatorProcess(heap); LoadClients clients = new LoadClients(latencies)) {
			URI webSocketUri = URI.create("ws://127.0.0.1:" + emulator.port() + "/local");
			long baseline = emulator.usedHeapAfterGc();
			long connectStart = System.nanoTime();
			int opened = clients.open(webSocketUri, connections, deadline);
			double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
			Polling.await(() -> {
				try {
					return emulator.connectionCount() >= opened;
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}, deadline);
			long held = emulator.connectionCount();
			long loaded = emulator.usedHeapAfterGc();
			List<String> ids = emulator.connectionIds();
			System.out.printf("Connections: asked %,d, opened %,d in %.1f s, held by the emulator %,d%n", connections,
					opened, connectSeconds, held);
			System.out.printf(
					"Emulator heap (-Xmx%s, after GC): %,.1f MB idle, %,.1f MB with connections, %,.0f bytes per connection%n",
					heap, baseline / 1e6, loaded / 1e6, (loaded - baseline) / (double) Math.max(1, held));

			try (ApiGatewayManagementApiClient sdk = ManagementApiTestClients
				.at(URI.create("http://127.0.0.1:" + emulator.port() + "/local"))
				.maxConnections(threads)
				.client()) {
				runPosts(sdk, ids, WARM_UP_POSTS, threads, deadline);
				Polling.await(() -> latencies.count() >= WARM_UP_POSTS, deadline);
				latencies.reset();
				Duration emulatorCpuStart = emulator.cpuTime();
				long benchmarkCpuStart = benchmarkCpuNanos();
				long postStart = System.nanoTime();
				int delivered = runPosts(sdk, ids, posts, threads, deadline);
				Polling.await(() -> latencies.count() >= delivered, deadline);
				double seconds = (System.nanoTime() - postStart) / 1e9;
				System.out.printf(
						"Posts: %,d accepted of %,d by %d SDK threads (apache5), %,d received in %.1f s = %,.0f posts/s delivered%n",
						delivered, posts, threads, latencies.count(), seconds, latencies.count() / seconds);
				System.out.printf(
						"CPU time during the posts (2 cores shared): emulator %.1f s, SDK client and WebSocket clients %.1f s%n",
						emulator.cpuTime().minus(emulatorCpuStart).toNanos() / 1e9,
						(benchmarkCpuNanos() - benchmarkCpuStart) / 1e9);
				System.out.printf("Post-to-receive latency: p50 %.0f us, p99 %.0f us%n", latencies.percentileMicros(50),
						latencies.percentileMicros(99));
			}
		}
	}

	private static int runPosts(ApiGatewayManagementApiClient sdk, List<String> ids, int posts, int threads,
			long deadline) throws InterruptedException {
		AtomicInteger next = new AtomicInteger();
		AtomicInteger accepted = new AtomicInteger();
		ExecutorService posters = Executors.newFixedThreadPool(threads);
		for (int t = 0; t < threads; t++) {
			posters.execute(() -> {
				for (int i = next.getAndIncrement(); i < posts
						&& System.nanoTime() < deadline; i = next.getAndIncrement()) {
					String id = ids.get(i % ids.size());
					try {
						sdk.postToConnection((request) -> request.connectionId(id)
							.data(SdkBytes.fromUtf8String(System.nanoTime() + " benchmark message")));
						accepted.incrementAndGet();
					}
					catch (RuntimeException ex) {
						// counted as not accepted
					}
				}
			});
		}
		posters.shutdown();
		posters.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		return accepted.get();
	}

	private static long benchmarkCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	/**
	 * Each client connection needs a file descriptor here (the emulator's side is in its
	 * own process), so check the limit before opening thousands.
	 */
	private static void requireFileDescriptors(int connections) {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
			long limit = os.getMaxFileDescriptorCount();
			System.out.printf("File descriptor limit (ulimit -n): %,d%n", limit);
			if (limit < connections + 1_000L) {
				throw new IllegalStateException("Opening " + connections + " connections needs 'ulimit -n' of at least "
						+ (connections + 1_000) + " but it is " + limit + "; raise it or pass a smaller --connections");
			}
		}
	}

	private static String flag(String[] args, String name, String defaultValue) {
		for (int i = 0; i < args.length - 1; i++) {
			if (args[i].equals(name)) {
				return args[i + 1];
			}
		}
		return defaultValue;
	}

	private static int intFlag(String[] args, String name, int defaultValue) {
		return Integer.parseInt(flag(args, name, Integer.toString(defaultValue)));
	}

}
