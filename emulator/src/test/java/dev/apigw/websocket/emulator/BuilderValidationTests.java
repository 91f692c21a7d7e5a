package dev.apigw.websocket.emulator;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Bad settings fail early with a message that names them.
 */
class BuilderValidationTests {

	@Test
	void badSettingsAreRejectedWithTheirName() {
		WebSocketApiEmulator.Builder builder = WebSocketApiEmulator.builder();
		assertThatIllegalArgumentException().isThrownBy(() -> builder.stage("a/b")).withMessageContaining("'stage'");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.port(70000)).withMessageContaining("'port'");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.host(" "))
			.withMessage("'host' must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.throttling(0, 10))
			.withMessageContaining("throttlingDisabled()");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.idleTimeout(Duration.ZERO))
			.withMessageContaining("'idleTimeout' must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.messageHistory(-1))
			.withMessageContaining("'messageHistory'");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxConnections(0))
			.withMessage("'maxConnections' must be at least 1 but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxRequestBufferBytes(1000))
			.withMessageContaining("'maxRequestBufferBytes' must be at least 1048576");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.httpRequestTimeout(Duration.ofSeconds(-1)))
			.withMessageContaining("'httpRequestTimeout' must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.httpIdleTimeout(Duration.ZERO))
			.withMessageContaining("'httpIdleTimeout' must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxPendingMessages(0))
			.withMessage("'maxPendingMessages' must be at least 1 but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxPendingMessageBytes(1000))
			.withMessageContaining("'maxPendingMessageBytes' must be at least 131072");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.integrationTimeout(Duration.ZERO))
			.withMessageContaining("'integrationTimeout' must be positive");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxIntegrationResponseBytes(0))
			.withMessage("'maxIntegrationResponseBytes' must be at least 1 but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.maxConcurrentIntegrations(0))
			.withMessage("'maxConcurrentIntegrations' must be at least 1 but was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> builder.route("$other", RouteIntegration.handler((request) -> RouteResponse.ok())))
			.withMessageContaining("$connect, $disconnect or $default");
		assertThatIllegalArgumentException().isThrownBy(() -> RouteIntegration.http(URI.create("ftp://127.0.0.1/x")))
			.withMessageContaining("http or https");
		assertThatIllegalArgumentException().isThrownBy(() -> SigningVerification.of("AKID", "", "us-east-1"))
			.withMessage("'secretAccessKey' must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> new RouteResponse(99, null))
			.withMessageContaining("'statusCode'");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new EmulatorFaults(new ConnectionTable(ConnectionIds::next)).failNext(1, 200))
			.withMessageContaining("'status'");
	}

	@Test
	void busyPortFailsWithAHint() {
		try (WebSocketApiEmulator first = WebSocketApiEmulator.builder().start()) {
			assertThatIllegalStateException()
				.isThrownBy(() -> WebSocketApiEmulator.builder().port(first.port()).start())
				.withMessageContaining("choose a free port or 0");
			assertThat(first.isRunning()).isTrue();
		}
	}

	@Test
	void signingSettingsHideTheSecret() {
		assertThat(SigningVerification.of("AKID", "topsecret", "us-east-1").toString()).doesNotContain("topsecret");
	}

}
