package dev.apigw.websocket.autoconfigure.fleet;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.apigw.websocket.autoconfigure.fleet.FleetApplication.Instance;
import dev.apigw.websocket.registry.ConnectionRegistryException;
import dev.apigw.websocket.registry.LoopbackServerProcess;
import dev.apigw.websocket.registry.redis.RedisServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A fleet of two instances sharing one real {@code redis-server}.
 */
class RedisFleetTests extends AbstractFleetTests {

	private static RedisServer redis;

	@BeforeAll
	static void start() {
		redis = RedisServer.start();
		startFleet(redisProperties(redis.port()));
	}

	@AfterAll
	static void stopRedis() throws InterruptedException {
		stopFleet();
		if (redis != null) {
			redis.close();
		}
	}

	@Test
	void lookupOnAnUnreachableRedisFailsNamingStoreAndOperationWithinTheTimeout() {
		int closedPort = LoopbackServerProcess.freePort();
		try (Instance down = FleetApplication.start("down", emulator, redisProperties(closedPort))) {
			assertThatExceptionOfType(ConnectionRegistryException.class)
				.isThrownBy(() -> down.template().sendToGroup("lobby", "x"))
				.satisfies((ex) -> {
					assertThat(ex.getStore()).isEqualTo("Redis");
					assertThat(ex.getOperation()).isEqualTo("look up group members");
					assertThat(ex)
						.hasMessageStartingWith("Connection registry on Redis failed to look up group members");
				});
			assertThatExceptionOfType(ConnectionRegistryException.class)
				.isThrownBy(() -> down.template().sendToUser("ada", "x"))
				.satisfies((ex) -> assertThat(ex.getOperation()).isEqualTo("look up user connections"));
		}
	}

	private static String[] redisProperties(int port) {
		return new String[] { "apigw.websocket.registry.type=redis",
				"apigw.websocket.registry.redis.key-prefix=fleet:" + Duration.ofNanos(System.nanoTime()).toMillis()
						+ ":",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + port, "spring.data.redis.timeout=2s",
				"spring.data.redis.connect-timeout=2s" };
	}

}
