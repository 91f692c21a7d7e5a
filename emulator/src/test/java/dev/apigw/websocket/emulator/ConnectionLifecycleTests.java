package dev.apigw.websocket.emulator;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Limits that end connections: idle timeout, maximum duration, frame and message size.
 */
class ConnectionLifecycleTests {

	private final List<RouteRequest> disconnects = new CopyOnWriteArrayList<>();

	private WebSocketApiEmulator.Builder emulator() {
		return WebSocketApiEmulator.builder().route("$disconnect", RouteIntegration.handler((request) -> {
			this.disconnects.add(request);
			return RouteResponse.ok();
		}));
	}

	@Test
	void idleConnectionIsClosedWithGoingAway() {
		try (WebSocketApiEmulator emulator = emulator().idleTimeout(Duration.ofMillis(300)).start();
				WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			assertThat(client.awaitClose()).isEqualTo(1001);
			assertThat(client.closeReason()).isEqualTo("Going away");
			await().until(() -> this.disconnects.size() == 1);
			assertThat(this.disconnects.get(0).disconnectStatusCode()).isEqualTo(1001);
			assertThat(this.disconnects.get(0).disconnectReason()).isEqualTo("Going away");
		}
	}

	@Test
	void activeConnectionOutlivesTheIdleTimeout() {
		try (WebSocketApiEmulator emulator = emulator().idleTimeout(Duration.ofSeconds(2)).start();
				WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
			await().pollInterval(Duration.ofMillis(100)).until(() -> {
				client.send("keep alive");
				return System.nanoTime() > until;
			});
			assertThat(client.isOpen()).isTrue();
		}
	}

	@Test
	void connectionIsClosedAfterMaxDurationEvenWhenActive() {
		try (WebSocketApiEmulator emulator = emulator().maxConnectionDuration(Duration.ofMillis(500)).start();
				WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			// a send may race with the server's close: ignore that failure, the close is
			// what counts
			await().pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
				if (client.isOpen()) {
					client.send("busy");
				}
				return !client.isOpen();
			});
			assertThat(client.awaitClose()).isEqualTo(1001);
			assertThat(client.closeReason()).isEqualTo("Going away");
		}
	}

	@Test
	void frameOver32KbClosesWith1009() throws Exception {
		try (WebSocketApiEmulator emulator = emulator().start(); RawFrameClient client = new RawFrameClient(emulator)) {
			await().until(() -> emulator.connections().size() == 1);
			client.sendSingleTextFrame(32 * 1024 + 1);
			assertThat(client.readCloseStatus()).isEqualTo(1009);
			await().until(() -> this.disconnects.size() == 1);
			assertThat(this.disconnects.get(0).disconnectStatusCode()).isEqualTo(1009);
		}
	}

	@Test
	void textThatIsNotUtf8ClosesWith1007() throws Exception {
		List<RouteRequest> messages = new CopyOnWriteArrayList<>();
		try (WebSocketApiEmulator emulator = emulator().route("$default", RouteIntegration.handler((request) -> {
			messages.add(request);
			return RouteResponse.ok();
		})).start(); RawFrameClient client = new RawFrameClient(emulator)) {
			await().until(() -> emulator.connections().size() == 1);
			client.sendFrame(true, RawFrameClient.TEXT, new byte[] { 'o', 'k', (byte) 0xc3, 0x28 });
			assertThat(client.readCloseStatus()).isEqualTo(1007);
			await().until(() -> this.disconnects.size() == 1);
			assertThat(this.disconnects.get(0).disconnectStatusCode()).isEqualTo(1007);
			assertThat(messages).isEmpty();
		}
	}

	@Test
	void secondUpgradePipelinedOnOneSocketStartsNoSecondConnection() throws Exception {
		List<RouteRequest> connects = new CopyOnWriteArrayList<>();
		try (WebSocketApiEmulator emulator = emulator().route("$connect", RouteIntegration.handler((request) -> {
			connects.add(request);
			return RouteResponse.ok();
		})).start(); RawHttpConnection socket = new RawHttpConnection(emulator)) {
			String upgrade = RawHttpConnection.head("GET", "/local", emulator, "Upgrade: websocket",
					"Connection: Upgrade", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version: 13");
			socket.send(upgrade + upgrade);
			assertThat(socket.readResponse().status()).isEqualTo(101);
			await().during(Duration.ofMillis(300)).until(() -> connects.size() == 1);
			socket.close();
			await().until(() -> this.disconnects.size() == 1);
			await().during(Duration.ofMillis(300)).until(() -> connects.size() == 1 && this.disconnects.size() == 1);
			assertThat(this.disconnects.get(0).connectionId()).isEqualTo(connects.get(0).connectionId());
		}
	}

	@Test
	void messageOver128KbInSmallFramesClosesWith1009() {
		try (WebSocketApiEmulator emulator = emulator().start();
				WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			String chunk = "y".repeat(32 * 1024);
			for (int i = 0; i < 4; i++) {
				client.webSocket().sendText(chunk, false).join();
			}
			client.webSocket().sendText("z", true);
			assertThat(client.awaitClose()).isEqualTo(1009);
		}
	}

	@Test
	void messageOf128KbInFramesIsAccepted() {
		List<RouteRequest> messages = new CopyOnWriteArrayList<>();
		try (WebSocketApiEmulator emulator = emulator().route("$default", RouteIntegration.handler((request) -> {
			messages.add(request);
			return RouteResponse.ok();
		})).start(); WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			String chunk = "y".repeat(32 * 1024);
			for (int i = 0; i < 3; i++) {
				client.webSocket().sendText(chunk, false).join();
			}
			client.webSocket().sendText(chunk, true).join();
			await().until(() -> messages.size() == 1);
			assertThat(messages.get(0).body()).hasSize(128 * 1024);
			assertThat(client.isOpen()).isTrue();
		}
	}

	@Test
	void droppedConnectionReportsAbnormalClosureToDisconnect() {
		try (WebSocketApiEmulator emulator = emulator().start();
				WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			await().until(() -> emulator.connections().size() == 1);
			emulator.faults().drop(emulator.connections().get(0).id());
			assertThat(client.awaitClose()).isEqualTo(1006);
			await().until(() -> this.disconnects.size() == 1);
			assertThat(this.disconnects.get(0).disconnectStatusCode()).isEqualTo(1006);
		}
	}

	@Test
	void closingTheEmulatorClosesClientsWithGoingAway() {
		WebSocketTestClient client;
		try (WebSocketApiEmulator emulator = emulator().start()) {
			client = WebSocketTestClient.connect(emulator);
			await().until(() -> emulator.connections().size() == 1);
		}
		assertThat(client.awaitClose()).isIn(1001, 1006);
		assertThat(this.disconnects).isEmpty();
	}

	@Test
	void clientMessagesAreRecorded() {
		try (WebSocketApiEmulator emulator = emulator().start();
				WebSocketTestClient client = WebSocketTestClient.connect(emulator)) {
			client.send("one");
			client.webSocket().sendBinary(ByteBuffer.wrap(new byte[] { 9 }), true).join();
			await().until(() -> emulator.connections().size() == 1
					&& emulator.connections().get(0).sentMessages().size() == 2);
			assertThat(emulator.connections().get(0).sentMessages()).extracting(EmulatedMessage::binary)
				.containsExactly(false, true);
		}
	}

}
