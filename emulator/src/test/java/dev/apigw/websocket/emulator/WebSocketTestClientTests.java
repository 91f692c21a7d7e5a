package dev.apigw.websocket.emulator;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apigw.websocket.testfixture.ManagementApiTestClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * {@link WebSocketTestClient} against the real emulator, with the real AWS SDK client
 * posting through the management API.
 */
class WebSocketTestClientTests {

	private static WebSocketApiEmulator emulator;

	private static ApiGatewayManagementApiClient management;

	@BeforeAll
	static void start() {
		emulator = WebSocketApiEmulator.builder().start();
		management = ManagementApiTestClients.client(emulator.managementEndpoint());
	}

	@AfterAll
	static void stop() {
		management.close();
		emulator.close();
	}

	@Test
	void connectLearnsTheIdTheEmulatorAssigned() {
		try (WebSocketTestClient first = WebSocketTestClient.connect(emulator);
				WebSocketTestClient second = WebSocketTestClient.connect(emulator)) {
			assertThat(first.connectionId()).isNotEqualTo(second.connectionId());
			assertThat(emulator.connections()).extracting(EmulatedConnection::id)
				.contains(first.connectionId(), second.connectionId());
			post(second.connectionId(), "for the second");
			assertThat(second.awaitMessages(1)).containsExactly("for the second");
			await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(first::messages, List::isEmpty);
		}
	}

	@Test
	void recordsTextAndBinaryMessagesInArrivalOrder() {
		byte[] notUtf8 = { (byte) 0xff, (byte) 0xfe, 0, 1 };
		try (WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			post(client.connectionId(), "one");
			post(client.connectionId(), "two");
			management.postToConnection(
					(request) -> request.connectionId(client.connectionId()).data(SdkBytes.fromByteArray(notUtf8)));
			post(client.connectionId(), "{\"three\":3}");
			assertThat(client.awaitMessages(3)).containsExactly("one", "two", "{\"three\":3}");
			assertThat(client.binaryMessages()).containsExactly(ByteBuffer.wrap(notUtf8));
		}
	}

	@Test
	void awaitMessagesFailsNamingWhatArrived() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			post(client.connectionId(), "only one");
			client.awaitMessages(1);
			assertThatExceptionOfType(AssertionError.class)
				.isThrownBy(() -> client.awaitMessages(2, Duration.ofMillis(200)))
				.withMessage("Expected at least 2 text message(s) within PT0.2S but received [only one]");
		}
	}

	@Test
	void sendReachesTheEmulatorAsTheClientsMessage() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			client.send("from the browser");
			await().atMost(WebSocketTestClient.DEFAULT_TIMEOUT)
				.until(() -> sentTexts(client.connectionId()), (texts) -> texts.equals(List.of("from the browser")));
		}
	}

	@Test
	void awaitCloseReturnsTheStatusTheServerSent() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			management.deleteConnection((request) -> request.connectionId(client.connectionId()));
			assertThat(client.awaitClose()).isEqualTo(1000);
			assertThat(client.isOpen()).isFalse();
		}
	}

	@Test
	void awaitCloseFailsWhileTheConnectionIsOpen() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.awaitClose(Duration.ofMillis(200)))
				.withMessage("Expected the server to close the connection within PT0.2S");
			assertThat(client.isOpen()).isTrue();
		}
	}

	@Test
	void closeEndsTheConnectionAtTheEmulator() {
		WebSocketTestClient client = WebSocketTestClient.connect(emulator);
		String connectionId = client.connectionId();
		client.close();
		assertThat(client.isOpen()).isFalse();
		await().atMost(WebSocketTestClient.DEFAULT_TIMEOUT).until(() -> emulator.connection(connectionId).isEmpty());
	}

	@Test
	void connectedByUriTheConnectionIdIsUnknown() {
		try (WebSocketApiEmulator own = WebSocketApiEmulator.builder().start();
				WebSocketTestClient client = WebSocketTestClient.connect(own.webSocketUri())) {
			await().atMost(WebSocketTestClient.DEFAULT_TIMEOUT).until(() -> own.connections().size() == 1);
			assertThatIllegalStateException().isThrownBy(client::connectionId)
				.withMessageContaining("WebSocketTestClient.connect(emulator)");
			assertThat(client.isOpen()).isTrue();
		}
	}

	@Test
	void connectToNothingFailsNamingTheUri() {
		int port;
		try (WebSocketApiEmulator stopped = WebSocketApiEmulator.builder().start()) {
			port = stopped.port();
		}
		URI uri = URI.create("ws://127.0.0.1:" + port + "/local");
		assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(uri))
			.withMessageStartingWith("Could not connect to " + uri);
	}

	@Test
	void connectRefusedByConnectNamesTheStatus() {
		try (WebSocketApiEmulator refusing = WebSocketApiEmulator.builder()
			.route("$connect", RouteIntegration.handler((request) -> RouteResponse.status(401)))
			.start()) {
			assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(refusing))
				.withMessage("Could not connect to " + refusing.webSocketUri()
						+ ": the server refused the handshake with HTTP 401")
				.havingCause()
				.isInstanceOfSatisfying(WebSocketHandshakeException.class,
						(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(401));
		}
	}

	@Test
	void closeWithStatusAndReasonReachesDisconnect() {
		List<RouteRequest> disconnects = new CopyOnWriteArrayList<>();
		try (WebSocketApiEmulator own = WebSocketApiEmulator.builder()
			.route("$disconnect", RouteIntegration.handler((request) -> {
				disconnects.add(request);
				return RouteResponse.ok();
			}))
			.start()) {
			WebSocketTestClient client = WebSocketTestClient.connect(own);
			client.close(4000, "leaving");
			assertThat(client.isOpen()).isFalse();
			await().atMost(WebSocketTestClient.DEFAULT_TIMEOUT).until(() -> disconnects.size() == 1);
			assertThat(disconnects.get(0).connectionId()).isEqualTo(client.connectionId());
			assertThat(disconnects.get(0).disconnectStatusCode()).isEqualTo(4000);
			assertThat(disconnects.get(0).disconnectReason()).isEqualTo("leaving");
		}
	}

	@Test
	void closeRefusesWhatABrowserCouldNotSendAndKeepsTheConnection() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			assertThatIllegalArgumentException().isThrownBy(() -> client.close(1006, "abnormal"))
				.withMessage("'statusCode' must be 1000 or from 3000 to 4999 but was 1006");
			assertThatIllegalArgumentException().isThrownBy(() -> client.close(4000, "x".repeat(124)))
				.withMessage("'reason' must be at most 123 bytes of UTF-8 but was 124");
			assertThat(client.isOpen()).isTrue();
		}
	}

	@Test
	void connectionDroppedWithoutCloseFrameClosesWith1006AndFailsLaterWaits() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			assertThat(emulator.faults().drop(client.connectionId())).isTrue();
			assertThat(client.awaitClose()).isEqualTo(1006);
			assertThat(client.isOpen()).isFalse();
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.awaitMessages(1))
				.withMessageStartingWith("The connection failed: ");
		}
	}

	@Test
	void moreMessagesThanTheLimitAreRefusedAndTheConnectionAborted() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(emulator, 2, 1024)) {
			String connectionId = client.connectionId();
			post(connectionId, "1");
			post(connectionId, "2");
			post(connectionId, "3");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.awaitMessages(3))
				.withMessageStartingWith("Refused: more than 2 messages arrived");
			assertThat(client.messages()).containsExactly("1", "2");
			await().atMost(WebSocketTestClient.DEFAULT_TIMEOUT)
				.until(() -> emulator.connection(connectionId).isEmpty());
		}
	}

	@Test
	void messagesLargerThanTheLimitAreRefused() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(emulator, 10, 8)) {
			post(client.connectionId(), "123456789");
			assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> client.awaitMessages(1))
				.withMessageStartingWith("Refused: a text message larger than 8 characters arrived");
			assertThat(client.messages()).isEmpty();
		}
	}

	private static void post(String connectionId, String text) {
		ManagementApiTestClients.post(management, connectionId, text);
	}

	private static List<String> sentTexts(String connectionId) {
		return emulator.connection(connectionId)
			.map(EmulatedConnection::sentMessages)
			.orElseGet(List::of)
			.stream()
			.map(EmulatedMessage::data)
			.map((data) -> new String(data, StandardCharsets.UTF_8))
			.toList();
	}

}
