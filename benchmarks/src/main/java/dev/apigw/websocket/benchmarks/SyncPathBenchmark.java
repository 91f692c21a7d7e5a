package dev.apigw.websocket.benchmarks;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import com.sun.management.OperatingSystemMXBean;
import software.amazon.awssdk.core.SdkBytes;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.WebSocketConnectionTemplate;

/**
 * What a blocking send costs on each path: the template's {@code send} (the call pipeline
 * over the sync apache5 client), {@code sendAsync(...).join()} (the same pipeline over
 * the async Netty client, which is what blocking calls would cost without their own
 * client), and the two raw SDK clients for reference. One caller thread posts a 1 KB text
 * to one connection of the emulator in this JVM on loopback, paced at each given rate
 * ({@code 0}: back to back). Reports process CPU time per call (everything in this JVM:
 * caller, SDK client, emulator and WebSocket client, the same for every path but the
 * client) and the caller's latency, each the median of interleaved rounds.
 * <p>
 * Bounded: {@code --rounds} rounds of {@code --calls} calls per path and rate, within
 * {@code --time-limit}. Flags: {@code --rounds 7 --calls 1000 --rates 100,500,0
 * --paths template-sync,template-async-join,sdk-sync,sdk-async-join --warm-up 3000
 * --time-limit 600s}.
 */
public final class SyncPathBenchmark {

	private static final String PAYLOAD = "x".repeat(1024);

	private static final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private SyncPathBenchmark() {
	}

	/**
	 * Run the benchmark and print the figures.
	 * @param args flags, see the class description
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		int rounds = Integer.parseInt(flag(args, "--rounds", "7"));
		int calls = Integer.parseInt(flag(args, "--calls", "1000"));
		int warmUp = Integer.parseInt(flag(args, "--warm-up", "3000"));
		int[] rates = Arrays.stream(flag(args, "--rates", "100,500,0").split(","))
			.mapToInt(Integer::parseInt)
			.toArray();
		List<String> pathNames = List
			.of(flag(args, "--paths", "template-sync,template-async-join,sdk-sync,sdk-async-join").split(","));
		Duration timeLimit = Duration.ofSeconds(Long.parseLong(flag(args, "--time-limit", "600s").replace("s", "")));
		long deadline = System.nanoTime() + timeLimit.toNanos();

		try (ConnectedEmulator emulator = new ConnectedEmulator(1)) {
			String connectionId = emulator.connectionIds().get(0);
			URI managementEndpoint = emulator.emulator().managementEndpoint();
			WebSocketConnectionTemplate template = WebSocketConnectionTemplate.builder()
				.client(emulator.client())
				.asyncClient(emulator.asyncClient())
				.endpoint(ManagementEndpoint.of(managementEndpoint))
				.build();
			Map<String, Runnable> allPaths = new LinkedHashMap<>();
			allPaths.put("template-sync", () -> template.send(connectionId, PAYLOAD));
			allPaths.put("template-async-join", () -> template.sendAsync(connectionId, PAYLOAD).join());
			// a new SdkBytes per call, as the template converts each payload
			allPaths.put("sdk-sync", () -> emulator.client()
				.postToConnection((request) -> request.connectionId(connectionId).data(text())));
			allPaths.put("sdk-async-join",
					() -> emulator.asyncClient()
						.postToConnection((request) -> request.connectionId(connectionId).data(text()))
						.join());
			Map<String, Runnable> paths = new LinkedHashMap<>();
			for (String name : pathNames) {
				Runnable path = allPaths.get(name);
				if (path == null) {
					throw new IllegalArgumentException("Unknown path '" + name + "'; known: " + allPaths.keySet());
				}
				paths.put(name, path);
			}

			System.out.printf("Java %s, %d processors; %d rounds of %,d calls per path and rate, 1 KB text, 1 caller%n",
					System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), rounds, calls);
			long posted = 0;
			for (Runnable path : paths.values()) {
				posted += run(path, warmUp, 0, deadline).calls;
			}
			Map<String, List<Round>> results = new LinkedHashMap<>();
			for (int round = 0; round < rounds && System.nanoTime() < deadline; round++) {
				List<String> order = new ArrayList<>(paths.keySet());
				// interleaved, and in turn first, so that no path always follows the same
				// one
				Collections.rotate(order, round);
				for (int rate : rates) {
					for (String name : order) {
						Round result = run(paths.get(name), calls, rate, deadline);
						posted += result.calls;
						results.computeIfAbsent(name + "@" + rate, (key) -> new ArrayList<>()).add(result);
					}
				}
			}
			long received = emulator.awaitReceived(posted);
			System.out.printf("Posts answered with success: %,d; messages received: %,d%s%n%n", posted, received,
					(received < posted) ? " (MISSING MESSAGES)" : "");
			System.out.println(
					"| path | rate (calls/s) | CPU per call (us) | latency p50 (us) | latency p99 (us) | rounds |");
			System.out.println("|---|---|---|---|---|---|");
			for (int rate : rates) {
				for (String name : paths.keySet()) {
					List<Round> measured = results.getOrDefault(name + "@" + rate, List.of());
					System.out.printf("| %s | %s | %.0f | %.0f | %.0f | %d |%n", name,
							(rate == 0) ? "back to back" : Integer.toString(rate),
							median(measured.stream().mapToDouble(Round::cpuMicrosPerCall).toArray()),
							median(measured.stream().mapToDouble(Round::p50Micros).toArray()),
							median(measured.stream().mapToDouble(Round::p99Micros).toArray()), measured.size());
				}
			}
			template.stop();
		}
	}

	private static SdkBytes text() {
		return SdkBytes.fromUtf8String(PAYLOAD);
	}

	// calls paced at the rate (0: back to back), stopping early at the deadline
	private static Round run(Runnable path, int calls, int rate, long deadline) {
		long[] latencies = new long[calls];
		long periodNanos = (rate > 0) ? 1_000_000_000L / rate : 0;
		long cpuStart = os.getProcessCpuTime();
		long start = System.nanoTime();
		int made = 0;
		for (; made < calls && System.nanoTime() < deadline; made++) {
			if (periodNanos > 0) {
				long due = start + made * periodNanos;
				for (long now = System.nanoTime(); now < due; now = System.nanoTime()) {
					LockSupport.parkNanos(due - now);
				}
			}
			long before = System.nanoTime();
			path.run();
			latencies[made] = System.nanoTime() - before;
		}
		long cpu = os.getProcessCpuTime() - cpuStart;
		long[] sorted = Arrays.copyOf(latencies, made);
		Arrays.sort(sorted);
		return new Round(made, (made > 0) ? cpu / 1_000d / made : Double.NaN, percentileMicros(sorted, 50),
				percentileMicros(sorted, 99));
	}

	private static double percentileMicros(long[] sorted, double percentile) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100 * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1_000d;
	}

	private static double median(double[] values) {
		if (values.length == 0) {
			return Double.NaN;
		}
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	private static String flag(String[] args, String name, String defaultValue) {
		for (int i = 0; i < args.length - 1; i++) {
			if (args[i].equals(name)) {
				return args[i + 1];
			}
		}
		return defaultValue;
	}

	/**
	 * One path at one rate for one round.
	 */
	private record Round(int calls, double cpuMicrosPerCall, double p50Micros, double p99Micros) {
	}

}
