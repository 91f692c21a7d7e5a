package dev.apigw.websocket.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionResponse;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.WebSocketConnectionTemplate;

/**
 * JMH benchmark of the CPU the template's own layers cost per call, with the SDK client
 * replaced by one that answers at once: a post through that client alone, through the
 * template without observation, and through the template with a real
 * {@code ObservationRegistry} whose {@code DefaultMeterObservationHandler} records into a
 * {@code SimpleMeterRegistry} that the template's own meters also use (what the
 * auto-configuration wires with Boot's actuator). Sync ({@code send}) and async
 * ({@code sendAsync(...).join()}). No I/O and no other thread, so the differences are
 * what retry, observation and meters add to a call. Besides JMH's wall-clock time per
 * call, {@code cpuNanosPerCall} is the benchmark thread's CPU time per call, which other
 * processes on a shared machine disturb less.
 * <p>
 * {@link #main(String[])} measures the same paths without JMH, made for a busy machine:
 * one JVM, the paths interleaved in blocks of calls, the CPU time and the bytes allocated
 * by the calling thread per block, and the median and the 10th percentile over blocks.
 * Flags: {@code --blocks 300 --calls 2000 --warm-up 100000 --time-limit 300s}.
 * <p>
 * Not final: JMH generates subclasses of benchmark and state classes.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(3)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class ObservationCostBenchmark {

	private static final String CONNECTION_ID = "L0SM9cOFvHcCIhw=";

	private static final String PAYLOAD = "x".repeat(256);

	/**
	 * Post through the instant sync client, building the request and payload as the
	 * template does.
	 * @param state the clients and templates
	 * @param cpu counts the call
	 * @return the response
	 */
	@Benchmark
	public PostToConnectionResponse rawSync(Templates state, CpuTime cpu) {
		cpu.calls++;
		return state.client.postToConnection(PostToConnectionRequest.builder()
			.connectionId(CONNECTION_ID)
			.data(SdkBytes.fromUtf8String(PAYLOAD))
			.build());
	}

	/**
	 * Post through the instant async client and join.
	 * @param state the clients and templates
	 * @param cpu counts the call
	 * @return the response
	 */
	@Benchmark
	public PostToConnectionResponse rawAsync(Templates state, CpuTime cpu) {
		cpu.calls++;
		return state.asyncClient
			.postToConnection(PostToConnectionRequest.builder()
				.connectionId(CONNECTION_ID)
				.data(SdkBytes.fromUtf8String(PAYLOAD))
				.build())
			.join();
	}

	/**
	 * Send through the template without observation.
	 * @param state the clients and templates
	 * @param cpu counts the call
	 */
	@Benchmark
	public void templateSync(Templates state, CpuTime cpu) {
		cpu.calls++;
		state.plain.send(CONNECTION_ID, PAYLOAD);
	}

	/**
	 * Send through the observed template.
	 * @param state the clients and templates
	 * @param cpu counts the call
	 */
	@Benchmark
	public void templateSyncObserved(Templates state, CpuTime cpu) {
		cpu.calls++;
		state.observed.send(CONNECTION_ID, PAYLOAD);
	}

	/**
	 * Send asynchronously through the template without observation and join.
	 * @param state the clients and templates
	 * @param cpu counts the call
	 */
	@Benchmark
	public void templateAsync(Templates state, CpuTime cpu) {
		cpu.calls++;
		state.plain.sendAsync(CONNECTION_ID, PAYLOAD).join();
	}

	/**
	 * Send asynchronously through the observed template and join.
	 * @param state the clients and templates
	 * @param cpu counts the call
	 */
	@Benchmark
	public void templateAsyncObserved(Templates state, CpuTime cpu) {
		cpu.calls++;
		state.observed.sendAsync(CONNECTION_ID, PAYLOAD).join();
	}

	/**
	 * Measure every path in interleaved blocks and print CPU nanoseconds and bytes
	 * allocated per call.
	 * @param args flags, see the class description
	 */
	public static void main(String[] args) {
		int blocks = Integer.parseInt(flag(args, "--blocks", "300"));
		int calls = Integer.parseInt(flag(args, "--calls", "2000"));
		int warmUp = Integer.parseInt(flag(args, "--warm-up", "100000"));
		Duration timeLimit = Duration.ofSeconds(Long.parseLong(flag(args, "--time-limit", "300s").replace("s", "")));
		long deadline = System.nanoTime() + timeLimit.toNanos();
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		ObservationCostBenchmark benchmark = new ObservationCostBenchmark();
		Templates state = new Templates();
		state.start();
		CpuTime unused = new CpuTime();
		Map<String, Runnable> paths = new LinkedHashMap<>();
		paths.put("rawSync", () -> benchmark.rawSync(state, unused));
		paths.put("templateSync", () -> benchmark.templateSync(state, unused));
		paths.put("templateSyncObserved", () -> benchmark.templateSyncObserved(state, unused));
		paths.put("rawAsync", () -> benchmark.rawAsync(state, unused));
		paths.put("templateAsync", () -> benchmark.templateAsync(state, unused));
		paths.put("templateAsyncObserved", () -> benchmark.templateAsyncObserved(state, unused));
		// Micrometer's part: one observation with the same handler, of a plain context
		// whose convention returns fixed key values
		paths.put("observationAlone", () -> {
			Observation observation = Observation
				.createNotStarted(FixedConvention.INSTANCE, Observation.Context::new, state.observations)
				.start();
			try (Observation.Scope scope = observation.openScope()) {
				unused.calls++;
			}
			observation.stop();
		});
		for (Runnable path : paths.values()) {
			for (int i = 0; i < warmUp; i++) {
				path.run();
			}
		}
		Map<String, List<Double>> cpu = new LinkedHashMap<>();
		Map<String, List<Double>> allocated = new LinkedHashMap<>();
		long threadId = Thread.currentThread().getId();
		int done = 0;
		while (done < blocks && System.nanoTime() < deadline) {
			for (Map.Entry<String, Runnable> path : paths.entrySet()) {
				Runnable call = path.getValue();
				long bytes = threads.getThreadAllocatedBytes(threadId);
				long nanos = threads.getCurrentThreadCpuTime();
				for (int i = 0; i < calls; i++) {
					call.run();
				}
				cpu.computeIfAbsent(path.getKey(), (key) -> new ArrayList<>())
					.add((double) (threads.getCurrentThreadCpuTime() - nanos) / calls);
				allocated.computeIfAbsent(path.getKey(), (key) -> new ArrayList<>())
					.add((double) (threads.getThreadAllocatedBytes(threadId) - bytes) / calls);
			}
			done++;
		}
		System.out.printf("%d blocks of %d calls per path%n", done, calls);
		System.out.printf("%-24s %14s %14s %10s%n", "path", "CPU ns median", "CPU ns p10", "B/call");
		for (String path : paths.keySet()) {
			System.out.printf("%-24s %14.0f %14.0f %10.0f%n", path, quantile(cpu.get(path), 0.5),
					quantile(cpu.get(path), 0.1), quantile(allocated.get(path), 0.5));
		}
		state.stop();
	}

	private static double quantile(List<Double> values, double quantile) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
		Arrays.sort(sorted);
		return sorted[(int) Math.floor(quantile * (sorted.length - 1))];
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
	 * The instant clients and the plain and observed templates over them.
	 */
	@State(Scope.Benchmark)
	public static class Templates {

		final ApiGatewayManagementApiClient client = new InstantClient();

		final ApiGatewayManagementApiAsyncClient asyncClient = new InstantAsyncClient();

		SimpleMeterRegistry meters;

		ObservationRegistry observations;

		WebSocketConnectionTemplate plain;

		WebSocketConnectionTemplate observed;

		/**
		 * Build the templates.
		 */
		@Setup(Level.Trial)
		public void start() {
			this.plain = builder().build();
			this.meters = new SimpleMeterRegistry();
			this.observations = ObservationRegistry.create();
			this.observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
			this.observed = builder().observationRegistry(this.observations).meterRegistry(this.meters).build();
		}

		/**
		 * Check that the observed calls were recorded, so that a broken handler cannot
		 * pass as a cheap one.
		 */
		@TearDown(Level.Trial)
		public void stop() {
			long timed = this.meters.get("apigw.websocket.management").tag("outcome", "success").timer().count();
			System.out.printf("%nObserved calls timed: %,d%n", timed);
			this.plain.stop();
			this.observed.stop();
		}

		private WebSocketConnectionTemplate.Builder builder() {
			return WebSocketConnectionTemplate.builder()
				.client(this.client)
				.asyncClient(this.asyncClient)
				.endpoint(ManagementEndpoint.of(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/prod")));
		}

	}

	/**
	 * A convention with the key values of a management call, made once.
	 */
	static final class FixedConvention implements ObservationConvention<Observation.Context> {

		static final FixedConvention INSTANCE = new FixedConvention();

		private static final KeyValues LOW_CARDINALITY = KeyValues.of("operation", "post", "outcome", "success", "api",
				"abc123", "stage", "prod");

		private static final KeyValues HIGH_CARDINALITY = KeyValues.of("connection.id", CONNECTION_ID, "attempt", "1");

		@Override
		public KeyValues getLowCardinalityKeyValues(Observation.Context context) {
			return LOW_CARDINALITY;
		}

		@Override
		public KeyValues getHighCardinalityKeyValues(Observation.Context context) {
			return HIGH_CARDINALITY;
		}

		@Override
		public String getName() {
			return "bare.observation";
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

	/**
	 * A sync client that answers every post at once, without I/O.
	 */
	static final class InstantClient implements ApiGatewayManagementApiClient {

		private static final PostToConnectionResponse RESPONSE = PostToConnectionResponse.builder().build();

		@Override
		public PostToConnectionResponse postToConnection(PostToConnectionRequest request) {
			return RESPONSE;
		}

		@Override
		public String serviceName() {
			return SERVICE_NAME;
		}

		@Override
		public void close() {
		}

	}

	/**
	 * An async client that answers every post with a completed future, without I/O.
	 */
	static final class InstantAsyncClient implements ApiGatewayManagementApiAsyncClient {

		private static final PostToConnectionResponse RESPONSE = PostToConnectionResponse.builder().build();

		@Override
		public CompletableFuture<PostToConnectionResponse> postToConnection(PostToConnectionRequest request) {
			return CompletableFuture.completedFuture(RESPONSE);
		}

		@Override
		public String serviceName() {
			return SERVICE_NAME;
		}

		@Override
		public void close() {
		}

	}

	/**
	 * CPU time of the benchmark thread per call, over each iteration.
	 */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class CpuTime {

		private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

		/**
		 * CPU nanoseconds of the benchmark thread per call in the last iteration.
		 */
		public double cpuNanosPerCall;

		long calls;

		private long startNanos;

		/**
		 * Start counting.
		 */
		@Setup(Level.Iteration)
		public void start() {
			this.calls = 0;
			this.startNanos = threads.getCurrentThreadCpuTime();
		}

		/**
		 * Compute the CPU time per call.
		 */
		@TearDown(Level.Iteration)
		public void stop() {
			long used = threads.getCurrentThreadCpuTime() - this.startNanos;
			this.cpuNanosPerCall = (this.calls > 0) ? (double) used / this.calls : 0;
		}

	}

}
