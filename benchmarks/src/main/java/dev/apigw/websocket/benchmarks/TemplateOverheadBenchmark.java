package dev.apigw.websocket.benchmarks;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
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
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionResponse;

import dev.apigw.websocket.BroadcastResult;
import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.WebSocketConnectionTemplate;

/**
 * JMH benchmark of what {@link WebSocketConnectionTemplate} adds to the raw AWS SDK
 * client: the same 1 KB text posted through the SDK client, the template without
 * observation and the template with Micrometer timers, and one payload broadcast to 200
 * connections by the template or by a naive loop of async SDK calls. All against the
 * emulator in this JVM on loopback, so read the figures as ratios within one run, never
 * as absolute rates.
 * <p>
 * Not final: JMH generates subclasses of benchmark and state classes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
// SDK client, emulator and WebSocket clients warm up in one JVM: on 2 cores the rate of
// single
// sends rose for about 20 s, that of broadcasts (async client, 200 connections) for about
// 40 s
@Warmup(iterations = 5, time = 5)
@Measurement(iterations = 5, time = 3)
public class TemplateOverheadBenchmark {

	private static final String PAYLOAD = "x".repeat(1024);

	private static final int BROADCAST_CONNECTIONS = 200;

	/**
	 * Post through the SDK client as an application without the template would.
	 * @param state the emulator and clients
	 * @return the SDK response
	 */
	@Benchmark
	public PostToConnectionResponse rawSdkPost(OneConnection state) {
		PostToConnectionResponse response = state.emulator.client()
			.postToConnection(
					(request) -> request.connectionId(state.connectionId).data(SdkBytes.fromUtf8String(PAYLOAD)));
		state.posted.increment();
		return response;
	}

	/**
	 * Send through the template with the no-op observation registry.
	 * @param state the emulator and clients
	 */
	@Benchmark
	public void templateSend(OneConnection state) {
		state.template.send(state.connectionId, PAYLOAD);
		state.posted.increment();
	}

	/**
	 * Send through the template with a real observation registry whose handler records
	 * timers in a meter registry, which also receives the template's own meters.
	 * @param state the emulator and clients
	 */
	@Benchmark
	public void templateSendObserved(OneConnection state) {
		state.observedTemplate.send(state.connectionId, PAYLOAD);
		state.posted.increment();
	}

	/**
	 * Post to every connection with async SDK calls, all started at once, then wait for
	 * all of them.
	 * @param state the emulator and clients
	 */
	@Benchmark
	@Warmup(iterations = 10, time = 5)
	public void rawAsyncLoopBroadcast(ManyConnections state) {
		SdkBytes data = SdkBytes.fromUtf8String(PAYLOAD);
		List<String> ids = state.emulator.connectionIds();
		CompletableFuture<?>[] calls = new CompletableFuture<?>[ids.size()];
		for (int i = 0; i < calls.length; i++) {
			String id = ids.get(i);
			calls[i] = state.emulator.asyncClient().postToConnection((request) -> request.connectionId(id).data(data));
		}
		CompletableFuture.allOf(calls).join();
		state.posted.add(calls.length);
	}

	/**
	 * Broadcast through the template (default window of 64 calls in flight).
	 * @param state the emulator and clients
	 * @return the result, checked so that failed deliveries cannot pass as fast ones
	 */
	@Benchmark
	@Warmup(iterations = 10, time = 5)
	public BroadcastResult templateBroadcast(ManyConnections state) {
		BroadcastResult result = state.template.broadcast(state.emulator.connectionIds(), PAYLOAD);
		if (!result.allDelivered()) {
			throw new IllegalStateException("Broadcast not delivered to all: " + result.gone().size() + " gone, "
					+ result.failed().size() + " failed");
		}
		state.posted.add(result.total());
		return result;
	}

	private static WebSocketConnectionTemplate.Builder template(ConnectedEmulator emulator) {
		return WebSocketConnectionTemplate.builder()
			.client(emulator.client())
			.asyncClient(emulator.asyncClient())
			.endpoint(ManagementEndpoint.of(emulator.emulator().managementEndpoint()));
	}

	private static void report(ConnectedEmulator emulator, long posted) throws InterruptedException {
		long received = emulator.awaitReceived(posted);
		System.out.printf("%nPosts answered with success: %,d; messages received by the WebSocket clients: %,d%s%n",
				posted, received, (received < posted) ? " (MISSING MESSAGES)" : "");
	}

	/**
	 * One connected client and the plain and observed templates.
	 */
	@State(Scope.Benchmark)
	public static class OneConnection {

		final LongAdder posted = new LongAdder();

		ConnectedEmulator emulator;

		String connectionId;

		WebSocketConnectionTemplate template;

		SimpleMeterRegistry meters;

		WebSocketConnectionTemplate observedTemplate;

		/**
		 * Start the emulator, connect the client and build the templates.
		 * @throws Exception when the emulator or the client cannot start
		 */
		@Setup(Level.Trial)
		public void start() throws Exception {
			this.emulator = new ConnectedEmulator(1);
			this.connectionId = this.emulator.connectionIds().get(0);
			this.template = template(this.emulator).build();
			this.meters = new SimpleMeterRegistry();
			ObservationRegistry observations = ObservationRegistry.create();
			observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
			this.observedTemplate = template(this.emulator).observationRegistry(observations)
				.meterRegistry(this.meters)
				.build();
		}

		/**
		 * Report what was delivered and observed, then stop everything.
		 * @throws InterruptedException when interrupted while waiting for deliveries
		 */
		@TearDown(Level.Trial)
		public void stop() throws InterruptedException {
			report(this.emulator, this.posted.sum());
			System.out.printf("Observed calls timed: %,d%n",
					this.meters.find("apigw.websocket.management").timers().stream().mapToLong(Timer::count).sum());
			this.emulator.close();
		}

	}

	/**
	 * 200 connected clients and a template with default broadcast options.
	 */
	@State(Scope.Benchmark)
	public static class ManyConnections {

		final LongAdder posted = new LongAdder();

		ConnectedEmulator emulator;

		WebSocketConnectionTemplate template;

		/**
		 * Start the emulator, connect the clients and build the template.
		 * @throws Exception when the emulator or the clients cannot start
		 */
		@Setup(Level.Trial)
		public void start() throws Exception {
			this.emulator = new ConnectedEmulator(BROADCAST_CONNECTIONS);
			this.template = template(this.emulator).build();
		}

		/**
		 * Report what was delivered, then stop everything.
		 * @throws InterruptedException when interrupted while waiting for deliveries
		 */
		@TearDown(Level.Trial)
		public void stop() throws InterruptedException {
			report(this.emulator, this.posted.sum());
			this.emulator.close();
		}

	}

}
