package dev.apigw.websocket.test;

import java.time.Duration;

import dev.apigw.websocket.emulator.RouteIntegration;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.emulator.WebSocketTestClient;
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
 * {@link WebSocketMessageEvent#reply(String)} and
 * {@link WebSocketMessageEvent#respond(String)} on the HTTP-integration path: the
 * emulator calls the inbound endpoint, the listener replies or gives the route response,
 * the real WebSocket client receives it.
 */
@SpringBootTest(classes = HttpIntegrationReplyTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebSocketEmulator
class HttpIntegrationReplyTests {

	@Autowired
	private WebSocketApiEmulator emulator;

	@Test
	void replyReachesTheSender() {
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("hi");
			assertThat(client.awaitMessages(2, Duration.ofSeconds(10))).containsExactly("echo: hi",
					"{\"seen\":\"hi\"}");
		}
	}

	@Test
	void routeResponseReachesTheSenderOnATwoWayRoute() {
		RouteIntegration integration = this.emulator.routes().get("$default");
		this.emulator.route("$default", integration.withRouteResponse());
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			client.send("ask caf\u00e9");
			assertThat(client.awaitMessages(1, Duration.ofSeconds(10))).containsExactly("answer: caf\u00e9 \u2713");
			await().during(Duration.ofMillis(300))
				.atMost(Duration.ofSeconds(2))
				.until(() -> client.messages().size() == 1);
		}
		finally {
			this.emulator.route("$default", integration);
		}
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

		@Bean
		Echo echo() {
			return new Echo();
		}

	}

	static class Echo {

		@EventListener
		void message(WebSocketMessageEvent event) {
			if (event.body().startsWith("ask ")) {
				event.respond("answer: " + event.body().substring(4) + " \u2713");
				return;
			}
			event.reply("echo: " + event.body());
			event.replyJson(new Seen(event.body()));
		}

	}

	record Seen(String seen) {
	}

}
