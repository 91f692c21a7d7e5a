package dev.apigw.websocket.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.emulator.WebSocketTestClient;
import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link AutoConfigureWebSocketEmulator} in a web application on a random port of every
 * interface: the inbound endpoint, which refuses to start there without a secret, gets
 * the annotation's random secret, and the emulator's integration requests carry it.
 */
@SpringBootTest(classes = AutoConfigureWebSocketEmulatorWebTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebSocketEmulator
class AutoConfigureWebSocketEmulatorWebTests {

	@Autowired
	private WebSocketApiEmulator emulator;

	@Autowired
	private Events events;

	@Test
	void emulatorCallsTheInboundEndpointWithTheSecret() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("hi");
			await().untilAsserted(() -> assertThat(this.events.received)
				.containsExactly("connect " + client.connectionId(), "message " + client.connectionId() + " hi"));
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Events events() {
			return new Events();
		}

	}

	static class Events {

		final List<String> received = new CopyOnWriteArrayList<>();

		@EventListener
		void connected(WebSocketConnectEvent event) {
			this.received.add("connect " + event.connectionId());
		}

		@EventListener
		void message(WebSocketMessageEvent event) {
			this.received.add("message " + event.connectionId() + " " + event.body());
		}

	}

}
