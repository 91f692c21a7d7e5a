package dev.apigw.websocket.emulator;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;

import dev.apigw.websocket.testfixture.ManagementApiTestClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.ApiGatewayManagementApiException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.LimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Flags of the standalone emulator.
 */
class EmulatorCommandLineTests {

	@Test
	void flagsConfigureTheEmulator() {
		try (WebSocketApiEmulator emulator = EmulatorCommandLine
			.parse("--port", "0", "--stage", "dev", "--route", "$connect=http://127.0.0.1:8080/apigw/websocket",
					"--route-response", "echo=http://127.0.0.1:8080/echo", "--throttle", "100,10", "--signing",
					"AKID:sec:ret:eu-west-1", "--idle-timeout", "30s", "--max-duration", "PT1H")
			.start()) {
			assertThat(emulator.webSocketUri().toString()).endsWith("/dev");
			assertThat(emulator.routes().get("$connect").uri()).hasToString("http://127.0.0.1:8080/apigw/websocket");
			assertThat(emulator.routes().get("echo").hasRouteResponse()).isTrue();
			assertThat(emulator.routes().get("$connect").hasRouteResponse()).isFalse();
		}
	}

	@Test
	void signingFlagRequiresSignaturesWithThoseCredentialsAndASecretMayHoldColons() {
		try (WebSocketApiEmulator emulator = EmulatorCommandLine.parse("--signing", "AKIDFLAG:sec:ret:eu-west-1")
			.start();
				ApiGatewayManagementApiClient signed = ManagementApiTestClients.at(emulator.managementEndpoint())
					.credentials("AKIDFLAG", "sec:ret")
					.region("eu-west-1")
					.client();
				ApiGatewayManagementApiClient anonymous = ManagementApiTestClients.at(emulator.managementEndpoint())
					.credentials(AnonymousCredentialsProvider.create())
					.client()) {
			assertThatExceptionOfType(GoneException.class)
				.isThrownBy(() -> ManagementApiTestClients.post(signed, "AAAAAAAAAAAAAAA=", "x"));
			assertThatExceptionOfType(ApiGatewayManagementApiException.class)
				.isThrownBy(() -> ManagementApiTestClients.post(anonymous, "AAAAAAAAAAAAAAA=", "x"))
				.satisfies((ex) -> assertThat(ex.awsErrorDetails().errorCode())
					.isEqualTo("MissingAuthenticationTokenException"));
		}
	}

	@Test
	void throttleFlagSetsTheTokenBucket() {
		try (WebSocketApiEmulator emulator = EmulatorCommandLine.parse("--throttle", "0.001,2").start();
				ApiGatewayManagementApiClient sdk = ManagementApiTestClients.client(emulator.managementEndpoint())) {
			for (int i = 0; i < 2; i++) {
				assertThatExceptionOfType(GoneException.class)
					.isThrownBy(() -> ManagementApiTestClients.post(sdk, "AAAAAAAAAAAAAAA=", "x"));
			}
			assertThatExceptionOfType(LimitExceededException.class)
				.isThrownBy(() -> ManagementApiTestClients.post(sdk, "AAAAAAAAAAAAAAA=", "x"));
		}
	}

	@Test
	void noThrottleFlagTurnsTheRateLimitOff() {
		try (WebSocketApiEmulator emulator = EmulatorCommandLine.parse("--throttle", "0.001,1", "--no-throttle")
			.start();
				ApiGatewayManagementApiClient sdk = ManagementApiTestClients.client(emulator.managementEndpoint())) {
			for (int i = 0; i < 3; i++) {
				assertThatExceptionOfType(GoneException.class)
					.isThrownBy(() -> ManagementApiTestClients.post(sdk, "AAAAAAAAAAAAAAA=", "x"));
			}
		}
	}

	@Test
	void idleTimeoutFlagClosesIdleConnections() {
		try (WebSocketApiEmulator emulator = EmulatorCommandLine.parse("--idle-timeout", "300ms").start();
				WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			assertThat(client.awaitClose()).isEqualTo(1001);
			assertThat(client.closeReason()).isEqualTo("Going away");
		}
	}

	@Test
	void maxDurationFlagClosesConnectionsThatAreNotIdle() {
		try (WebSocketApiEmulator emulator = EmulatorCommandLine
			.parse("--idle-timeout", "1h", "--max-duration", "500ms")
			.start(); WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			assertThat(client.awaitClose()).isEqualTo(1001);
		}
	}

	@Test
	void lambdaFlagsRouteToAFunctionBehindTheInvokeApi() {
		try (LocalInvokeApi lambda = new LocalInvokeApi()) {
			lambda.function((event) -> LocalInvokeApi.Answer.payload("{\"statusCode\":200,\"body\":\"from "
					+ LambdaEventsTestSupport.context(event).get("apiId") + "\"}"));
			try (WebSocketApiEmulator emulator = EmulatorCommandLine
				.parse("--lambda", "$connect=ChatFunction@" + lambda.endpoint(), "--lambda-response",
						"$default=ChatFunction@" + lambda.endpoint(), "--api-id", "abc123", "--lambda-timeout", "5s",
						"--lambda-concurrency", "10", "--lambda-max-response", "4096")
				.start(); WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
				assertThat(emulator.routes().get("$connect").isLambda()).isTrue();
				assertThat(emulator.routes().get("$connect").hasRouteResponse()).isFalse();
				client.send("hi");
				assertThat(client.awaitMessages(1)).containsExactly("from abc123");
				assertThat(lambda.invocations).extracting(LocalInvokeApi.Received::path)
					.containsOnly("/2015-03-31/functions/ChatFunction/invocations");
			}
		}
	}

	@Test
	void badLambdaFlagsNameTheProblem() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmulatorCommandLine.parse("--lambda", "$default=http://127.0.0.1:3001"))
			.withMessageContaining("'--lambda' must look like KEY=FUNCTION@URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmulatorCommandLine.parse("--lambda-response", "$default=Chat@ftp://127.0.0.1"))
			.withMessageContaining("'--lambda-response': 'endpoint' must be an absolute http or https URL");
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--lambda-concurrency", "many"))
			.withMessageContaining("'--lambda-concurrency' must be a whole number");
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--api-id", "Not Valid"))
			.withMessageContaining("'apiId' must be");
	}

	@Test
	void integrationFlagsBoundHttpIntegrations() {
		try (ScriptedHttpIntegration app = new ScriptedHttpIntegration()) {
			app.script((body) -> switch (body) {
				case "hold" -> ScriptedHttpIntegration.Answer.heldUntilReleased();
				case "big" -> ScriptedHttpIntegration.Answer.chunked(11);
				default -> ScriptedHttpIntegration.Answer.declared(10);
			});
			try (WebSocketApiEmulator emulator = EmulatorCommandLine
				.parse("--route-response", "$default=" + app.uri(), "--integration-concurrency", "1",
						"--integration-timeout", "2s", "--integration-max-response", "10")
				.start();
					LogCapture log = new LogCapture();
					WebSocketTestClient holder = WebSocketTestClient.connect(emulator);
					WebSocketTestClient other = WebSocketTestClient.connect(emulator)) {
				holder.send("hold");
				await().until(() -> app.held.get() == 1);
				other.send("refused");
				assertThat(other.awaitMessages(1).get(0)).startsWith("{\"message\":\"Internal server error\"");
				assertThat(holder.awaitMessages(1).get(0)).startsWith("{\"message\":\"Internal server error\"");
				await().until(
						() -> log.messages.stream().anyMatch((line) -> line.contains("1 integration calls are running"))
								&& log.messages.stream().anyMatch((line) -> line.contains("timed out after PT2S")));
				other.send("big");
				assertThat(other.awaitMessages(2).get(1)).startsWith("{\"message\":\"Internal server error\"");
				await().until(() -> log.messages.stream().anyMatch((line) -> line.contains("is over 10 bytes")));
				other.send("at the limit");
				assertThat(other.awaitMessages(3).get(2)).isEqualTo("x".repeat(10));
			}
		}
	}

	@Test
	void maxConnectionsFlagRefusesConnectionsOverTheLimit() {
		try (WebSocketApiEmulator emulator = EmulatorCommandLine.parse("--max-connections", "1").start();
				WebSocketTestClient first = WebSocketTestClient.connect(emulator)) {
			assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(emulator))
				.havingCause()
				.isInstanceOfSatisfying(WebSocketHandshakeException.class,
						(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(503));
			assertThat(first.isOpen()).isTrue();
		}
	}

	@Test
	void badLimitFlagsNameTheFlagAndTheSetting() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmulatorCommandLine.parse("--integration-concurrency", "0"))
			.withMessage("'--integration-concurrency': 'maxConcurrentIntegrations' must be at least 1 but was 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmulatorCommandLine.parse("--integration-max-response", "0"))
			.withMessage("'--integration-max-response': 'maxIntegrationResponseBytes' must be at least 1 but was 0");
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--integration-timeout", "0s"))
			.withMessageStartingWith("'--integration-timeout': 'integrationTimeout' must be positive");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> EmulatorCommandLine.parse("--integration-timeout", "soon"))
			.withMessageStartingWith("'--integration-timeout' must be a duration");
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--max-connections", "-1"))
			.withMessage("'--max-connections': 'maxConnections' must be at least 1 but was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--lambda-concurrency", "0"))
			.withMessageStartingWith("'--lambda-concurrency': 'maxConcurrentLambdaInvocations' must be at least 1");
	}

	@Test
	void helpReturnsNoBuilder() {
		assertThat(EmulatorCommandLine.parse("--help")).isNull();
	}

	@Test
	void badFlagsNameTheProblem() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--port"))
			.withMessage("Flag '--port' needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--throttle", "fast"))
			.withMessageContaining("RATE,BURST");
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--signing", "AKID:secret"))
			.withMessageContaining("ACCESS_KEY:SECRET:REGION");
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--route", "nourl"))
			.withMessageContaining("KEY=URL");
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--bogus"))
			.withMessage("Unknown flag '--bogus'");
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--route", "$bad=http://x"))
			.withMessageContaining("$connect, $disconnect or $default");
	}

	@Test
	void durationsAcceptShortAndIsoForms() {
		assertThat(EmulatorCommandLine.duration("500ms", "--x")).isEqualTo(Duration.ofMillis(500));
		assertThat(EmulatorCommandLine.duration("30s", "--x")).isEqualTo(Duration.ofSeconds(30));
		assertThat(EmulatorCommandLine.duration("10m", "--x")).isEqualTo(Duration.ofMinutes(10));
		assertThat(EmulatorCommandLine.duration("2h", "--x")).isEqualTo(Duration.ofHours(2));
		assertThat(EmulatorCommandLine.duration("PT5M", "--x")).isEqualTo(Duration.ofMinutes(5));
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.duration("soon", "--idle-timeout"))
			.withMessageContaining("'--idle-timeout' must be a duration");
	}

}
