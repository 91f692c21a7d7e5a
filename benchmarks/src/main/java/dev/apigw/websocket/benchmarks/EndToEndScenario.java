package dev.apigw.websocket.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import dev.apigw.websocket.WebSocketConnectionTemplate;

/**
 * Table 5: end to end on the emulator (in a child JVM with a fixed heap) with real
 * WebSocket clients: the emulator's heap at many idle connections, then posts from
 * several threads through the raw SDK and through the auto-configured template, each
 * message carrying its post time so that the receiving client records post-to-receive
 * latency.
 */
final class EndToEndScenario {

	static final String TITLE = "5. End to end on the emulator";

	private static final String EMULATOR_HEAP = "256m";

	private static final Duration DELIVERY_WAIT = Duration.ofSeconds(10);

	private static final String PADDING = "y".repeat(236);

	private EndToEndScenario() {
	}

	static ScenarioReport run(Bench bench) throws Exception {
		Scale scale = bench.scale();
		List<String> problems = new ArrayList<>();
		LatencyRecorder latencies = new LatencyRecorder(scale.posts());
		try (EmulatorProcess emulator = new EmulatorProcess(EMULATOR_HEAP);
				LoadClients clients = new LoadClients(latencies)) {
			URI management = URI.create("http://127.0.0.1:" + emulator.port() + "/local");
			long idleHeap = emulator.usedHeapAfterGc();
			int opened = clients.open(URI.create("ws://127.0.0.1:" + emulator.port() + "/local"), scale.connections(),
					bench.deadline().nanos());
			Polling.await(() -> connectionCount(emulator) >= opened, bench.deadline().nanos());
			long loadedHeap = emulator.usedHeapAfterGc();
			List<String> ids = emulator.connectionIds();
			if (opened < scale.connections()) {
				problems.add("only " + opened + " of " + scale.connections() + " WebSocket connections opened");
			}
			try (ApiGatewayManagementApiClient raw = RawClients.apache5(management);
					AutoConfiguredTemplate template = AutoConfiguredTemplate.at(management).start()) {
				WebSocketConnectionTemplate operations = template.template();
				Rounds rounds = new Rounds()
					.path("raw",
							(figures) -> posts(bench, emulator::cpuTime, latencies, ids, figures,
									(id, text) -> raw.postToConnection(
											(r) -> r.connectionId(id).data(SdkBytes.fromUtf8String(text)))))
					.path("template",
							(figures) -> posts(bench, emulator::cpuTime, latencies, ids, figures, operations::send));
				rounds.run(1, bench.deadline());
				rounds.clear();
				rounds.run(scale.rounds(), bench.deadline());
				MarkdownTable table = new MarkdownTable("path", "delivered / sent", "delivered posts/s",
						"latency p50 (µs)", "latency p99 (µs)", "emulator CPU per post (µs)",
						"client CPU per post (µs)");
				for (String[] path : new String[][] { { "raw", "raw SDK (apache5)" },
						{ "template", "template `send`, defaults" } }) {
					Rounds.Spread emulatorCpu = rounds.spread(path[0], (s) -> s.figure("emulator cpu"));
					table.row(path[1],
							rounds.spread(path[0], (s) -> s.figure("delivered")).format(0) + " / "
									+ rounds.spread(path[0], (s) -> s.figure("sent")).format(0),
							rounds.spread(path[0], (s) -> s.figure("rate")).format(0),
							rounds.spread(path[0], (s) -> s.figure("p50")).format(0),
							rounds.spread(path[0], (s) -> s.figure("p99")).format(0),
							emulatorCpu.format(1) + "; " + Targets.atMost(emulatorCpu.median(), 30),
							rounds.spread(path[0], Sample::cpuMicrosPerMessage).format(1));
				}
				for (String path : List.of("raw", "template")) {
					for (Sample sample : rounds.samples(path)) {
						if (sample.figure("delivered") < sample.figure("sent")) {
							problems.add(path + ": " + sample.figure("sent") + " posts sent but only "
									+ sample.figure("delivered") + " received");
						}
					}
				}
				String markdown = "## " + TITLE + "\n\n" + String.format(Locale.ROOT,
						"Emulator in a child JVM (-Xmx%s, throttling off, no message history); %,d WebSocket "
								+ "connections (Netty clients in this JVM); heap after GC: %,.1f MB idle, %,.1f MB "
								+ "with the connections, %,.0f bytes per connection. %d interleaved rounds of %,d "
								+ "posts per path from %d threads to the connections in turn, 256-byte texts "
								+ "stamped with their post time. Client CPU is this JVM's: poster and WebSocket "
								+ "clients.%n%n",
						EMULATOR_HEAP, opened, idleHeap / 1e6, loadedHeap / 1e6,
						(loadedHeap - idleHeap) / (double) Math.max(1, opened), scale.rounds(), scale.posts(),
						scale.postThreads()) + table;
				return new ScenarioReport(markdown, problems);
			}
		}
	}

	/**
	 * Posts from several threads to the ids in turn, each text stamped with its post
	 * time, then a bounded wait for the clients to receive them.
	 * @param serverCpu CPU time of the server process so far
	 * @return the posts attempted
	 */
	static long posts(Bench bench, Supplier<Duration> serverCpu, LatencyRecorder latencies, List<String> ids,
			Map<String, Double> figures, BiConsumer<String, String> post) throws InterruptedException {
		int posts = bench.scale().posts();
		latencies.reset();
		Duration emulatorCpuStart = serverCpu.get();
		long start = System.nanoTime();
		AtomicInteger next = new AtomicInteger();
		AtomicInteger sent = new AtomicInteger();
		ExecutorService posters = Executors.newFixedThreadPool(bench.scale().postThreads());
		for (int t = 0; t < bench.scale().postThreads(); t++) {
			posters.execute(() -> {
				for (int i = next.getAndIncrement(); i < posts
						&& System.nanoTime() < bench.deadline().nanos(); i = next.getAndIncrement()) {
					try {
						post.accept(ids.get(i % ids.size()), System.nanoTime() + " " + PADDING);
						sent.incrementAndGet();
					}
					catch (RuntimeException ex) {
						// not counted as sent
					}
				}
			});
		}
		posters.shutdown();
		posters.awaitTermination(bench.deadline().remainingNanos(), TimeUnit.NANOSECONDS);
		try {
			Polling.await(() -> latencies.count() >= sent.get(),
					Math.min(bench.deadline().nanos(), System.nanoTime() + DELIVERY_WAIT.toNanos()));
		}
		catch (IllegalStateException ex) {
			// the shortfall shows in the figures
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		int delivered = latencies.count();
		figures.put("sent", (double) sent.get());
		figures.put("delivered", (double) delivered);
		figures.put("rate", delivered / seconds);
		figures.put("p50", latencies.percentileMicros(50));
		figures.put("p99", latencies.percentileMicros(99));
		figures.put("emulator cpu", serverCpu.get().minus(emulatorCpuStart).toNanos() / 1e3 / Math.max(1, delivered));
		return posts;
	}

	private static int connectionCount(EmulatorProcess emulator) {
		try {
			return emulator.connectionCount();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
