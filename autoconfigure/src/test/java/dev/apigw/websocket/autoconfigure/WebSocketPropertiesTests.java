package dev.apigw.websocket.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.apigw.websocket.BroadcastOptions;
import dev.apigw.websocket.RetrySettings;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.registry.ConnectionLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketProperties}: each default is the one the core uses when the
 * property is not given, so that the documented default (generated from these fields) is
 * what an application without the property gets.
 */
class WebSocketPropertiesTests {

	private final WebSocketProperties properties = new WebSocketProperties();

	private final RetrySettings retryDefaults = RetrySettings.defaults();

	private final BroadcastOptions broadcastDefaults = BroadcastOptions.defaults();

	@Test
	void prefixIsTheOneBound() {
		assertThat(WebSocketProperties.class.getAnnotation(ConfigurationProperties.class).value())
			.isEqualTo(WebSocketProperties.PREFIX)
			.isEqualTo("apigw.websocket");
	}

	@Test
	void deliveryMatchesDefault() {
		assertThat(this.properties.getDelivery()).isEqualTo(WebSocketConnectionTemplate.DEFAULT_DELIVERY_MODE);
	}

	@Test
	void shutdownTimeoutMatchesDefault() {
		assertThat(this.properties.getShutdownTimeout())
			.isEqualTo(WebSocketConnectionTemplate.DEFAULT_SHUTDOWN_TIMEOUT);
	}

	@Test
	void shutdownTimeoutOutlastsAnAttemptByDefault() {
		assertThat(this.properties.getShutdownTimeout()).isEqualTo(this.properties.getTimeout().multipliedBy(2));
	}

	@Test
	void pruneGracePeriodMatchesDefault() {
		assertThat(this.properties.getPruneGracePeriod()).isEqualTo(ConnectionLifecycle.DEFAULT_GRACE_PERIOD);
	}

	@Test
	void retryMaxAttemptsMatchesDefault() {
		assertThat(this.properties.getRetry().getMaxAttempts()).isEqualTo(this.retryDefaults.maxAttempts());
	}

	@Test
	void retryInitialBackoffMatchesDefault() {
		assertThat(this.properties.getRetry().getInitialBackoff()).isEqualTo(this.retryDefaults.initialBackoff());
	}

	@Test
	void retryMultiplierMatchesDefault() {
		assertThat(this.properties.getRetry().getMultiplier()).isEqualTo(this.retryDefaults.multiplier());
	}

	@Test
	void retryMaxBackoffMatchesDefault() {
		assertThat(this.properties.getRetry().getMaxBackoff()).isEqualTo(this.retryDefaults.maxBackoff());
	}

	@Test
	void retryMaxElapsedMatchesDefault() {
		assertThat(this.properties.getRetry().getMaxElapsed()).isEqualTo(this.retryDefaults.maxElapsed());
	}

	@Test
	void retryServerErrorsMatchesDefault() {
		assertThat(this.properties.getRetry().isRetryServerErrors()).isEqualTo(this.retryDefaults.retryServerErrors());
	}

	@Test
	void broadcastMaxConcurrencyMatchesDefault() {
		assertThat(this.properties.getBroadcast().getMaxConcurrency())
			.isEqualTo(this.broadcastDefaults.maxConcurrency());
	}

	@Test
	void broadcastMaxDurationMatchesDefault() {
		assertThat(this.properties.getBroadcast().getMaxDuration()).isEqualTo(this.broadcastDefaults.maxDuration());
	}

	@Test
	void broadcastAdaptiveMatchesDefault() {
		assertThat(this.properties.getBroadcast().isAdaptive()).isEqualTo(this.broadcastDefaults.adaptive());
	}

	@Test
	void broadcastMessagesPerSecondMatchesDefault() {
		assertThat(this.properties.getBroadcast().getMessagesPerSecond())
			.isEqualTo(this.broadcastDefaults.messagesPerSecond());
	}

}
