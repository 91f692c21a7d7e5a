package dev.apigw.websocket.autoconfigure.testcontainers;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LocalStackWebSocketApiConnectionDetailsFactory} that need no Docker.
 */
class LocalStackWebSocketApiConnectionDetailsFactoryTests {

	@Test
	void factoryIsRegisteredForSpringBoot() {
		List<ConnectionDetailsFactory> factories = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(ConnectionDetailsFactory.class, (factoryType, factoryName, ex) -> {
				// factories of other modules may need classes absent here: not the one
				// under test
			});
		assertThat(factories).hasAtLeastOneElementOfType(LocalStackWebSocketApiConnectionDetailsFactory.class);
	}

}
