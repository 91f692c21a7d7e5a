package dev.apigw.websocket.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClientBuilder;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.apigw.websocket.BroadcastResult;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.emulator.WebSocketTestClient;
import dev.apigw.websocket.registry.redis.RedisServer;
import dev.apigw.websocket.registry.redis.RedisServerExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three application contexts, as three instances of a fleet, broadcast at once to one
 * emulator that throttles the management API at the rate R they are configured with:
 * sharing the limit through one Redis keeps them together under R, while three limits of
 * R each draw many 429s. Every 429 that API Gateway (here the emulator) answers is
 * counted by an SDK interceptor, retries included.
 */
@ExtendWith(RedisServerExtension.class)
class FleetRateLimitTests {

	private static final int RATE = 20;

	private static final int CONNECTIONS = 40;

	private static final int WINDOW = 4;

	private static final AtomicInteger throttled = new AtomicInteger();

	private static WebSocketApiEmulator emulator;

	private static final List<WebSocketTestClient> clients = new ArrayList<>();

	private static List<String> connectionIds;

	private static int redisPort;

	@BeforeAll
	static void start(RedisServer redis) {
		redisPort = redis.port();
		// a burst of one second's requests on top of the rate (API Gateway's is half a
		// second's): the emulator's bucket absorbs the stalls of a loaded machine, which
		// would otherwise release paced calls in bunches
		emulator = WebSocketApiEmulator.builder().throttling(RATE, RATE).start();
		for (int i = 0; i < CONNECTIONS; i++) {
			clients.add(WebSocketTestClient.connect(emulator));
		}
		connectionIds = clients.stream().map(WebSocketTestClient::connectionId).toList();
	}

	@AfterAll
	static void stop() {
		clients.forEach(WebSocketTestClient::close);
		if (emulator != null) {
			emulator.close();
		}
	}

	@Test
	void threeInstancesSharingOneLimitStayUnderIt() {
		Outcome outcome = broadcastFromThreeInstances("fleet");
		assertThat(outcome.delivered()).isEqualTo(3 * CONNECTIONS);
		assertThat(outcome.throttled()).as("429s").isLessThanOrEqualTo(5);
	}

	@Test
	void threeInstancesWithALimitEachOverrunIt() {
		Outcome outcome = broadcastFromThreeInstances("instance");
		assertThat(outcome.throttled()).as("429s").isGreaterThanOrEqualTo(20);
	}

	private Outcome broadcastFromThreeInstances(String scope) {
		ApplicationContextRunner runner = AutoConfigurationTestSupport.contextRunner()
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, FleetRateLimitAutoConfiguration.class))
			.withUserConfiguration(ThrottleCountingConfiguration.class, SharedLettuceClientResources.class)
			.withPropertyValues("apigw.websocket.endpoint=" + emulator.managementEndpoint(),
					"apigw.websocket.broadcast.messages-per-second=" + RATE,
					"apigw.websocket.broadcast.rate-limit-scope=" + scope,
					// plenty for 20 posts a second, and few HTTP connections to warm up
					"apigw.websocket.broadcast.max-concurrency=" + WINDOW,
					"apigw.websocket.broadcast.fleet.key=test:fleet:" + UUID.randomUUID(),
					"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redisPort,
					"spring.data.redis.timeout=5s",
					// this test proves the shared limit, not the fallback: a loaded
					// machine
					// must not make Redis look unreachable
					"apigw.websocket.broadcast.fleet.timeout=5s");
		List<BroadcastResult> results = new ArrayList<>();
		runner.run((first) -> runner.run((second) -> runner.run((third) -> {
			List<ConfigurableApplicationContext> instances = List.of(first, second, third);
			// a cold client spends seconds in its first calls: warm every instance's
			// connections up, so that the three broadcasts run at the same time
			for (ConfigurableApplicationContext instance : instances) {
				instance.getBean(WebSocketConnectionTemplate.class)
					.broadcast(connectionIds.subList(0, WINDOW), "warm-up");
			}
			throttled.set(0);
			ExecutorService starters = Executors.newFixedThreadPool(instances.size());
			try {
				List<CompletableFuture<BroadcastResult>> broadcasts = new ArrayList<>();
				for (ConfigurableApplicationContext instance : instances) {
					WebSocketConnectionTemplate template = instance.getBean(WebSocketConnectionTemplate.class);
					broadcasts.add(CompletableFuture
						.supplyAsync(() -> template.broadcastAsync(connectionIds, "from " + instance.getId()), starters)
						.thenCompose((broadcast) -> broadcast));
				}
				for (CompletableFuture<BroadcastResult> broadcast : broadcasts) {
					results.add(broadcast.get(60, TimeUnit.SECONDS));
				}
			}
			finally {
				starters.shutdown();
			}
		})));
		int delivered = results.stream().mapToInt((result) -> result.delivered().size()).sum();
		int throttledCalls = throttled.get();
		System.out.println(scope + " scope: " + delivered + " delivered, " + throttledCalls + " answered 429");
		return new Outcome(delivered, throttledCalls);
	}

	record Outcome(int delivered, int throttled) {
	}

	@Configuration(proxyBeanMethods = false)
	static class ThrottleCountingConfiguration {

		@Bean
		AwsClientCustomizer<ApiGatewayManagementApiAsyncClientBuilder> throttleCountingCustomizer() {
			ExecutionInterceptor counter = new ExecutionInterceptor() {

				@Override
				public void afterTransmission(Context.AfterTransmission context,
						ExecutionAttributes executionAttributes) {
					if (context.httpResponse().statusCode() == 429) {
						throttled.incrementAndGet();
					}
				}

			};
			return (builder) -> {
				ClientOverrideConfiguration existing = builder.overrideConfiguration();
				ClientOverrideConfiguration.Builder override = (existing != null) ? existing.toBuilder()
						: ClientOverrideConfiguration.builder();
				builder.overrideConfiguration(override.addExecutionInterceptor(counter).build());
			};
		}

	}

}
