package dev.apigw.websocket.emulator;

import dev.apigw.websocket.testfixture.ManagementApiTestClients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The JUnit extension: one emulator per class, injected, shared with nested classes.
 */
class WebSocketApiEmulatorExtensionTests {

	@Nested
	@ExtendWith(WebSocketApiEmulatorExtension.class)
	@TestMethodOrder(MethodOrderer.MethodName.class)
	class WithDefaults {

		private static WebSocketApiEmulator fromBeforeAll;

		@BeforeAll
		static void remember(WebSocketApiEmulator emulator) {
			fromBeforeAll = emulator;
		}

		@Test
		void injectsARunningEmulator(WebSocketApiEmulator emulator) {
			assertThat(emulator).isSameAs(fromBeforeAll);
			assertThat(emulator.isRunning()).isTrue();
			assertThat(emulator.stage()).isEqualTo("local");
			try (WebSocketTestClient client = WebSocketTestClient.connect(emulator);
					ApiGatewayManagementApiClient sdk = ManagementApiTestClients
						.client(emulator.managementEndpoint())) {
				await().until(() -> emulator.connections().size() == 1);
				ManagementApiTestClients.post(sdk, emulator.connections().get(0).id(), "via extension");
				assertThat(client.awaitMessages(1).get(0)).isEqualTo("via extension");
			}
		}

		@Test
		void faultsAreClearedBetweenTestsPartOne(WebSocketApiEmulator emulator) {
			emulator.faults().failNext(5, 500);
		}

		@Test
		void faultsAreClearedBetweenTestsPartTwo(WebSocketApiEmulator emulator) {
			assertThat(emulator.faults().pollForcedStatus()).isNull();
		}

		@Nested
		class Inner {

			@Test
			void sharesTheOuterEmulator(WebSocketApiEmulator emulator) {
				assertThat(emulator).isSameAs(fromBeforeAll);
			}

		}

	}

	@Nested
	class WithSettings {

		@RegisterExtension
		static final WebSocketApiEmulatorExtension extension = WebSocketApiEmulatorExtension
			.withSettings((builder) -> builder.stage("custom").throttlingDisabled());

		@Test
		void appliesTheSettings(WebSocketApiEmulator emulator) {
			assertThat(emulator.stage()).isEqualTo("custom");
			assertThat(extension.emulator()).isSameAs(emulator);
		}

	}

	@Test
	void emulatorIsUnavailableOutsideATestClass() {
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> new WebSocketApiEmulatorExtension().emulator())
			.withMessageContaining("register the extension");
	}

}
