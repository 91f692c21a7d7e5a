package dev.apigw.websocket.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import dev.apigw.websocket.BroadcastOptions;
import dev.apigw.websocket.BroadcastResult;
import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.registry.ConnectionRegistry;
import dev.apigw.websocket.registry.InMemoryConnectionRegistry;
import dev.apigw.websocket.registry.dynamodb.DynamoDbConnectionRegistry;
import dev.apigw.websocket.registry.redis.RedisConnectionRegistry;
import dev.apigw.websocket.testfixture.ManagementApiTestClients;

/**
 * Operations per second of each connection registry store, and what a send to a group of
 * {@code --group-size} members costs, split into the registry lookup and the sending.
 * <p>
 * The emulator runs in a child JVM on loopback with {@code --group-size} real WebSocket
 * connections, each send waits until every client received its message. For each store
 * ({@code in-memory}, {@code redis} on a {@code redis-server} child process,
 * {@code dynamodb} on a {@code dynalite} child process), {@code --threads} threads
 * register those connections, join each to one group, look the group up {@code --lookups}
 * times, then the template sends a 1 KB text to the group {@code --sends} times
 * ({@code sendToGroup}: lookup and broadcast), and the threads remove the connections.
 * Reports operations per second, the median lookup and send times and the lookup's share
 * of the send.
 * <p>
 * Bounded: a fixed number of operations, each phase abandoned at {@code --time-limit}.
 * Flags: {@code --stores in-memory,redis,dynamodb --group-size 10000 --threads 8
 * --warm-up 2000 --lookups 20 --sends 5 --time-limit 600s --redis-server /usr/bin/redis-server
 * --dynalite registry-dynamodb/src/test/dynalite/node_modules/dynalite/cli.js}.
 */
public final class RegistryBenchmark {

	private static final String PAYLOAD = "x".repeat(1024);

	private static final String GROUP = "benchmark-group";

	private RegistryBenchmark() {
	}

	/**
	 * Run the benchmark and print the figures.
	 * @param args flags, see the class description
	 * @throws Exception on failure
	 */
	public static void main(String[] args) throws Exception {
		List<String> stores = List.of(flag(args, "--stores", "in-memory,redis,dynamodb").split(","));
		int groupSize = Integer.parseInt(flag(args, "--group-size", "10000"));
		int threads = Integer.parseInt(flag(args, "--threads", "8"));
		int warmUp = Integer.parseInt(flag(args, "--warm-up", "2000"));
		int lookups = Integer.parseInt(flag(args, "--lookups", "20"));
		int sends = Integer.parseInt(flag(args, "--sends", "5"));
		Duration timeLimit = Duration.ofSeconds(Long.parseLong(flag(args, "--time-limit", "600s").replace("s", "")));
		String redisServer = flag(args, "--redis-server", "/usr/bin/redis-server");
		String dynalite = flag(args, "--dynalite", "registry-dynamodb/src/test/dynalite/node_modules/dynalite/cli.js");
		long deadline = System.nanoTime() + timeLimit.toNanos();

		System.out.printf("Opening %,d WebSocket connections to the emulator (a child JVM)...%n", groupSize);
		LatencyRecorder received = new LatencyRecorder(groupSize);
		try (EmulatorProcess emulator = new EmulatorProcess("1g"); LoadClients clients = new LoadClients(received)) {
			URI endpoint = URI.create("http://127.0.0.1:" + emulator.port() + "/local");
			int opened = clients.open(URI.create("ws://127.0.0.1:" + emulator.port() + "/local"), groupSize, deadline);
			check(opened == groupSize, "opened " + opened + " of " + groupSize + " connections");
			Polling.await(() -> connectionCount(emulator) >= groupSize, deadline);
			List<String> ids = emulator.connectionIds();
			System.out.printf("%-10s %12s %12s %14s %12s %12s %12s %8s%n", "store", "register/s", "join/s",
					"lookup (ms)", "send (ms)", "lookup %", "remove/s", "threads");
			try (ApiGatewayManagementApiClient client = ManagementApiTestClients.at(endpoint)
				.maxConnections(64)
				.client();
					ApiGatewayManagementApiAsyncClient asyncClient = ManagementApiTestClients.at(endpoint)
						.maxConnections(BroadcastOptions.defaults().maxConcurrency())
						.asyncClient()) {
				WebSocketConnectionTemplate.Builder template = WebSocketConnectionTemplate.builder()
					.client(client)
					.asyncClient(asyncClient)
					.endpoint(ManagementEndpoint.of(endpoint));
				for (String store : stores) {
					try (Store registry = open(store, redisServer, dynalite)) {
						Figures figures = run(registry.registry(), template, received, ids, threads, warmUp, lookups,
								sends, deadline);
						System.out.printf("%-10s %,12.0f %,12.0f %14.1f %12.1f %11.1f%% %,12.0f %8d%n", store,
								figures.registerPerSecond, figures.joinPerSecond, figures.lookupMillis,
								figures.sendMillis, 100 * figures.lookupMillis / figures.sendMillis,
								figures.removePerSecond, threads);
					}
				}
			}
		}
	}

	private static int connectionCount(EmulatorProcess emulator) {
		try {
			return emulator.connectionCount();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Figures run(ConnectionRegistry registry, WebSocketConnectionTemplate.Builder builder,
			LatencyRecorder received, List<String> ids, int threads, int warmUpCount, int lookups, int sends,
			long deadline) throws Exception {
		WebSocketConnectionTemplate template = builder.connectionRegistry(registry).build();
		// warm up the JIT, the store's connections and its scripts on other ids
		List<String> warmUp = IntStream.range(0, Math.min(warmUpCount, ids.size()))
			.mapToObj((i) -> "warm-up-" + i)
			.toList();
		perSecond(warmUp, threads, deadline, (id) -> registry.register(id, "user-" + id, Map.of()));
		perSecond(warmUp, threads, deadline, (id) -> registry.join(id, "warm-up"));
		registry.groupMembers("warm-up");
		perSecond(warmUp, threads, deadline, registry::remove);
		double register = perSecond(ids, threads, deadline, (id) -> registry.register(id, "user-" + id, Map.of()));
		double join = perSecond(ids, threads, deadline, (id) -> registry.join(id, GROUP));
		// the group is whole before it is timed (DynamoDB's index is updated
		// asynchronously)
		Polling.await(() -> registry.groupMembers(GROUP).size() == ids.size(), deadline);
		List<Long> lookupNanos = new ArrayList<>();
		for (int i = 0; i < lookups && System.nanoTime() < deadline; i++) {
			long start = System.nanoTime();
			Set<String> members = registry.groupMembers(GROUP);
			lookupNanos.add(System.nanoTime() - start);
			check(members.size() == ids.size(), "lookup found " + members.size() + " of " + ids.size());
		}
		List<Long> sendNanos = new ArrayList<>();
		for (int i = 0; i < sends && System.nanoTime() < deadline; i++) {
			long start = System.nanoTime();
			received.reset();
			// the clients read the send time from the text
			BroadcastResult result = template.sendToGroup(GROUP, start + " " + PAYLOAD);
			sendNanos.add(System.nanoTime() - start);
			check(result.allDelivered() && result.total() == ids.size(),
					"send delivered " + result.delivered().size() + " of " + ids.size());
			Polling.await(() -> received.count() >= ids.size(), deadline);
		}
		double remove = perSecond(ids, threads, deadline, registry::remove);
		check(registry.groupMembers(GROUP).isEmpty(), "the group is not empty after every removal");
		template.stop();
		return new Figures(register, join, median(lookupNanos) / 1e6, median(sendNanos) / 1e6, remove);
	}

	// every id once, spread over the threads
	private static double perSecond(List<String> ids, int threads, long deadline, Consumer<String> operation)
			throws Exception {
		AtomicInteger next = new AtomicInteger();
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			long start = System.nanoTime();
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				workers.add(executor.submit(() -> {
					for (int i = next.getAndIncrement(); i < ids.size()
							&& System.nanoTime() < deadline; i = next.getAndIncrement()) {
						operation.accept(ids.get(i));
					}
				}));
			}
			for (Future<?> worker : workers) {
				worker.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			long elapsed = System.nanoTime() - start;
			check(next.get() >= ids.size(), "time limit reached");
			return ids.size() / (elapsed / 1e9);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static Store open(String store, String redisServer, String dynalite) throws Exception {
		return switch (store) {
			case "in-memory" -> new Store(new InMemoryConnectionRegistry(), () -> {
			});
			case "redis" -> {
				StoreProcess redis = StoreProcess.redis(redisServer);
				LettuceConnectionFactory factory = new LettuceConnectionFactory(
						new RedisStandaloneConfiguration("127.0.0.1", redis.port()),
						LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
				factory.afterPropertiesSet();
				factory.start();
				yield new Store(new RedisConnectionRegistry(factory), () -> {
					factory.destroy();
					redis.close();
				});
			}
			case "dynamodb" -> {
				StoreProcess process = StoreProcess.dynalite(dynalite);
				DynamoDbClient client = DynamoDbClient.builder()
					.endpointOverride(URI.create("http://127.0.0.1:" + process.port()))
					.region(Region.EU_WEST_1)
					.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("b", "b")))
					.httpClientBuilder(Apache5HttpClient.builder().maxConnections(64))
					.overrideConfiguration((override) -> override.apiCallTimeout(Duration.ofSeconds(10)))
					.build();
				DynamoDbConnectionRegistry registry = new DynamoDbConnectionRegistry(client, "benchmark");
				registry.createTableIfMissing();
				yield new Store(registry, () -> {
					client.close();
					process.close();
				});
			}
			default -> throw new IllegalArgumentException(
					"Unknown store '" + store + "' in --stores: use in-memory, redis or dynamodb");
		};
	}

	private static double median(List<Long> values) {
		check(!values.isEmpty(), "time limit reached before any measurement");
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	private static void check(boolean condition, String failure) {
		if (!condition) {
			throw new IllegalStateException(failure);
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

	private record Figures(double registerPerSecond, double joinPerSecond, double lookupMillis, double sendMillis,
			double removePerSecond) {
	}

	private interface Closer {

		void close() throws Exception;

	}

	private record Store(ConnectionRegistry registry, Closer closer) implements AutoCloseable {

		@Override
		public void close() throws Exception {
			this.closer.close();
		}

	}

}
