package dev.apigw.websocket.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import dev.apigw.websocket.BroadcastOptions;
import dev.apigw.websocket.BroadcastResult;
import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.emulator.EmulatedConnection;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.ratelimit.redis.RedisSendRateLimiter;
import dev.apigw.websocket.testfixture.ManagementApiTestClients;

/**
 * N templates, as N instances of a fleet, each broadcast P posts at once to an emulator
 * that throttles the management API at the rate R each of them is limited to: once with a
 * limit per instance (each at R), once with one limit shared through Redis
 * ({@link RedisSendRateLimiter}, R for all). Prints, for each, the 429s API Gateway (the
 * emulator) answered, retries included, the posts delivered and failed, and the elapsed
 * time next to N×P/R, the least time the quota allows.
 * <p>
 * Starts Debian's {@code redis-server} on a free loopback port and the emulator in this
 * JVM (burst: one second's requests). Bounded: every run stops after the time limit.
 * Flags: {@code --instances 3 --rate 100 --posts 300 --connections 100
 * --redis-server /usr/bin/redis-server --time-limit 120s}.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class FleetRateLimitBenchmark {

	private FleetRateLimitBenchmark() {
	}

	/**
	 * Run the benchmark.
	 * @param args flags, see the class description
	 * @throws Exception if the benchmark cannot run
	 */
	public static void main(String[] args) throws Exception {
		int instances = 3;
		int rate = 100;
		int posts = 300;
		int connections = 100;
		String redisServer = "/usr/bin/redis-server";
		Duration timeLimit = Duration.ofSeconds(120);
		for (int i = 0; i < args.length; i += 2) {
			String value = (i + 1 < args.length) ? args[i + 1] : "";
			switch (args[i]) {
				case "--instances" -> instances = Integer.parseInt(value);
				case "--rate" -> rate = Integer.parseInt(value);
				case "--posts" -> posts = Integer.parseInt(value);
				case "--connections" -> connections = Integer.parseInt(value);
				case "--redis-server" -> redisServer = value;
				case "--time-limit" -> timeLimit = Duration.parse("PT" + value.toUpperCase());
				default -> throw new IllegalArgumentException("Unknown flag '" + args[i] + "'");
			}
		}
		if (instances < 1 || instances > 16 || rate < 1 || posts < 1 || posts > 100_000 || connections < 1
				|| connections > 10_000 || posts % connections != 0) {
			throw new IllegalArgumentException("Need 1..16 instances, a rate of at least 1, 1..100,000 posts per "
					+ "instance, 1..10,000 connections, and posts a multiple of connections");
		}
		if (!new File(redisServer).canExecute()) {
			throw new IllegalStateException("'" + redisServer + "' is not an executable redis-server: install the "
					+ "Debian package 'redis-server' or pass --redis-server");
		}
		int port = LoopbackPorts.free();
		Process redis = new ProcessBuilder(redisServer, "--port", Integer.toString(port), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		WebSocketApiEmulator emulator = WebSocketApiEmulator.builder()
			.throttling(rate, rate)
			.messageHistory(0)
			.idleTimeout(Duration.ofHours(1))
			.start();
		RedisClient redisClient = RedisClient.create(RedisURI.create("redis://127.0.0.1:" + port));
		try (CountingWebSocketClients clients = new CountingWebSocketClients()) {
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			Polling.await(() -> ping(port), deadline);
			clients.open(emulator.webSocketUri(), connections);
			int expected = connections;
			Polling.await(() -> emulator.connections().size() >= expected, deadline);
			List<String> ids = emulator.connections().stream().map(EmulatedConnection::id).toList();
			System.out.printf(
					"%d instances, %d posts each, limit and emulator throttle %d/s (burst %d); "
							+ "least time the quota allows %.1f s%n%n",
					instances, posts, rate, rate, instances * (double) posts / rate);
			System.out.printf("%-9s %8s %10s %7s %10s%n", "scope", "429s", "delivered", "failed", "elapsed");
			// the first run warms the JVM up (its figures are printed, marked, but not
			// comparable)
			for (String scope : List.of("warm-up", "instance", "fleet")) {
				Run run = new Run(scope, emulator, redisClient, instances, rate, ids, posts / connections);
				run.execute(timeLimit);
				// the emulator's bucket refills before the next run
				Thread.sleep(Duration.ofSeconds(2).toMillis());
			}
		}
		finally {
			redisClient.shutdown();
			emulator.close();
			redis.destroy();
			redis.waitFor(5, TimeUnit.SECONDS);
		}
	}

	private static boolean ping(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return "+PONG"
				.equals(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
					.readLine());
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * One run: N templates, each with its own SDK clients, broadcasting at once.
	 */
	private static final class Run {

		private final String scope;

		private final List<WebSocketConnectionTemplate> templates = new ArrayList<>();

		private final List<AutoCloseable> resources = new ArrayList<>();

		private final AtomicLong throttled = new AtomicLong();

		private final List<String> ids;

		private final int rounds;

		Run(String scope, WebSocketApiEmulator emulator, RedisClient redisClient, int instances, int rate,
				List<String> ids, int rounds) {
			this.scope = scope;
			this.ids = ids;
			this.rounds = rounds;
			String key = "benchmark:fleet:" + UUID.randomUUID();
			ExecutionInterceptor counter = new ExecutionInterceptor() {

				@Override
				public void afterTransmission(Context.AfterTransmission context,
						ExecutionAttributes executionAttributes) {
					if (context.httpResponse().statusCode() == 429) {
						Run.this.throttled.incrementAndGet();
					}
				}

			};
			for (int i = 0; i < instances; i++) {
				ManagementApiTestClients clients = ManagementApiTestClients.at(emulator.managementEndpoint())
					.interceptors(counter)
					.maxConnections(BroadcastOptions.DEFAULT_MAX_CONCURRENCY);
				ApiGatewayManagementApiClient client = clients.client();
				ApiGatewayManagementApiAsyncClient asyncClient = clients.asyncClient();
				this.resources.add(client);
				this.resources.add(asyncClient);
				WebSocketConnectionTemplate.Builder builder = WebSocketConnectionTemplate.builder()
					.client(client)
					.asyncClient(asyncClient)
					.endpoint(ManagementEndpoint.of(emulator.managementEndpoint()))
					.broadcastOptions(new BroadcastOptions(BroadcastOptions.DEFAULT_MAX_CONCURRENCY, rate));
				if (scope.equals("fleet")) {
					RedisSendRateLimiter limiter = RedisSendRateLimiter.builder(redisClient)
						.messagesPerSecond(rate)
						.key(key)
						.build();
					this.resources.add(limiter);
					builder.rateLimiter(limiter);
				}
				this.templates.add(builder.build());
			}
		}

		void execute(Duration timeLimit) throws Exception {
			// warm every instance up (a cold client spends its first calls in set-up), so
			// that the broadcasts overlap
			for (WebSocketConnectionTemplate template : this.templates) {
				template.broadcast(this.ids.subList(0, 1), "warm-up");
			}
			Thread.sleep(Duration.ofSeconds(2).toMillis());
			this.throttled.set(0);
			ExecutorService starters = Executors.newFixedThreadPool(this.templates.size());
			try {
				long start = System.nanoTime();
				List<CompletableFuture<int[]>> runs = new ArrayList<>();
				for (WebSocketConnectionTemplate template : this.templates) {
					runs.add(CompletableFuture.supplyAsync(() -> broadcastRounds(template), starters));
				}
				int delivered = 0;
				int failed = 0;
				long deadline = System.nanoTime() + timeLimit.toNanos();
				for (CompletableFuture<int[]> run : runs) {
					int[] counts = run.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
					delivered += counts[0];
					failed += counts[1];
				}
				double elapsed = (System.nanoTime() - start) / 1e9;
				System.out.printf("%-9s %8d %10d %7d %8.1f s%n", this.scope, this.throttled.get(), delivered, failed,
						elapsed);
			}
			finally {
				starters.shutdownNow();
				this.templates.forEach(WebSocketConnectionTemplate::stop);
				for (AutoCloseable resource : this.resources) {
					resource.close();
				}
			}
		}

		private int[] broadcastRounds(WebSocketConnectionTemplate template) {
			int delivered = 0;
			int failed = 0;
			for (int round = 0; round < this.rounds; round++) {
				BroadcastResult result = template.broadcast(this.ids, "round " + round);
				delivered += result.delivered().size();
				failed += result.failed().size() + result.gone().size() + result.notAttempted().size();
			}
			return new int[] { delivered, failed };
		}

	}

}
