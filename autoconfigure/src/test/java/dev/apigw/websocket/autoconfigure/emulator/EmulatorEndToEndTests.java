package dev.apigw.websocket.autoconfigure.emulator;

import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import dev.apigw.websocket.ConnectionGoneException;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.autoconfigure.inbound.InboundEventsRecorder;
import dev.apigw.websocket.emulator.RouteIntegration;
import dev.apigw.websocket.emulator.RouteResponse;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.emulator.WebSocketTestClient;
import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;
import dev.apigw.websocket.registry.ConnectionRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop on one machine: a real WebSocket client connects to the emulator started
 * by the auto-configuration, the emulator forwards the routes to the application's
 * inbound endpoint (with the shared secret), and the auto-configured template sends back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "apigw.websocket.emulator.enabled=true", "apigw.websocket.inbound.secret=e2e-shared-secret",
				// no AWS region or credentials: the emulator's connection details must be
				// enough
				"server.address=127.0.0.1",
				// connections close within moments of their connect here; the grace
				// period is
				// covered by the pruner's and the auto-configuration's tests
				"apigw.websocket.prune-grace-period=0" })
@DirtiesContext
class EmulatorEndToEndTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	@Autowired
	private WebSocketApiEmulator emulator;

	@Autowired
	private WebSocketConnectionTemplate template;

	@Autowired
	private ConnectionRegistry registry;

	@Autowired
	private InboundEventsRecorder recorder;

	@Test
	void sendReachesClientAndSendAfterCloseIsGoneOnceAndPrunes() {
		String client = UUID.randomUUID().toString();
		WebSocketTestClient webSocket = WebSocketTestClient.connect(uri("?client=" + client));
		String connectionId = connectEvent(client).connectionId();
		assertThat(this.registry.contains(connectionId)).isTrue();
		assertThat(this.emulator.routes().get("$connect").extraHeaders()).containsEntry("X-Apigw-Secret",
				"e2e-shared-secret");

		this.template.send(connectionId, "hello from the app");
		await().atMost(TIMEOUT).until(webSocket::messages, (messages) -> messages.contains("hello from the app"));

		// $disconnect is best-effort in AWS: lose it, so that only the 410 can tell the
		// app
		RouteIntegration disconnect = this.emulator.routes().get("$disconnect");
		this.emulator.route("$disconnect", RouteIntegration.handler((request) -> RouteResponse.ok()));
		try {
			webSocket.close(1000, "done");
			await().atMost(TIMEOUT).until(() -> this.emulator.connection(connectionId).isEmpty());
			assertThat(this.registry.contains(connectionId)).isTrue();
			assertThatExceptionOfType(ConnectionGoneException.class)
				.isThrownBy(() -> this.template.send(connectionId, "anyone there?"));
		}
		finally {
			this.emulator.route("$disconnect", disconnect);
		}
		assertThat(this.recorder.events(WebSocketConnectionGoneEvent.class))
			.filteredOn((event) -> event.connectionId().equals(connectionId))
			.singleElement()
			.satisfies((event) -> assertThat(event.endpoint()).isEqualTo(this.emulator.managementEndpoint()));
		assertThat(this.registry.contains(connectionId)).isFalse();
	}

	@Test
	void clientMessageArrivesAsMessageEvent() {
		String client = UUID.randomUUID().toString();
		WebSocketTestClient webSocket = WebSocketTestClient.connect(uri("?client=" + client));
		String connectionId = connectEvent(client).connectionId();
		webSocket.send("{\"action\":\"sendmessage\",\"text\":\"hi\"}");
		WebSocketMessageEvent message = await().atMost(TIMEOUT)
			.until(() -> this.recorder.events(WebSocketMessageEvent.class)
				.stream()
				.filter((event) -> event.connectionId().equals(connectionId))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
		assertThat(message.routeKey()).isEqualTo("$default");
		assertThat(message.body()).isEqualTo("{\"action\":\"sendmessage\",\"text\":\"hi\"}");
		webSocket.close(1000, "bye");
	}

	@Test
	void closeArrivesAsDisconnectEventAndUnregisters() {
		String client = UUID.randomUUID().toString();
		WebSocketTestClient webSocket = WebSocketTestClient.connect(uri("?client=" + client));
		String connectionId = connectEvent(client).connectionId();
		webSocket.close(4000, "leaving");
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(this.recorder.events(WebSocketDisconnectEvent.class))
				.filteredOn((event) -> event.connectionId().equals(connectionId))
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.statusCode()).isEqualTo(4000);
					assertThat(event.reason()).isEqualTo("leaving");
				}));
		assertThat(this.registry.contains(connectionId)).isFalse();
	}

	@Test
	void connectRefusedByListenerFailsTheHandshake() {
		String client = UUID.randomUUID().toString();
		assertThatIllegalStateException()
			.isThrownBy(() -> WebSocketTestClient
				.connect(uri("?client=" + client + "&token=" + InboundEventsRecorder.REJECTED_TOKEN)))
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(401));
		assertThat(this.registry.contains(connectEvent(client).connectionId())).isFalse();
	}

	private URI uri(String query) {
		return URI.create(this.emulator.webSocketUri() + query);
	}

	private WebSocketConnectEvent connectEvent(String client) {
		return await().atMost(TIMEOUT)
			.until(() -> this.recorder.events(WebSocketConnectEvent.class)
				.stream()
				.filter((event) -> client.equals(event.queryParameter("client")))
				.findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EmulatedApplication {

		@Bean
		InboundEventsRecorder inboundEventsRecorder() {
			return new InboundEventsRecorder();
		}

	}

}
