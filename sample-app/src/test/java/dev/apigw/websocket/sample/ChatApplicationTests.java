package dev.apigw.websocket.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Optional;

import dev.apigw.websocket.emulator.RouteIntegration;
import dev.apigw.websocket.emulator.RouteResponse;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.emulator.WebSocketTestClient;
import dev.apigw.websocket.registry.ConnectionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The chat on the embedded emulator, driven by real WebSocket clients.
 */
// members here join and vanish within a second, inside the default prune grace period
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.address=127.0.0.1", "apigw.websocket.prune-grace-period=0" })
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext
class ChatApplicationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@Autowired
	private WebSocketApiEmulator emulator;

	@Autowired
	private ConnectionRegistry registry;

	@Test
	void configPointsThePageAtTheEmulator() throws Exception {
		JsonNode config = this.json.readTree(get("/config"));
		assertThat(config.get("webSocketUrl").asString()).isEqualTo(this.emulator.webSocketUri().toString());
	}

	@Test
	void connectWithoutNameIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(this.emulator.webSocketUri()))
			.havingCause()
			.isInstanceOfSatisfying(WebSocketHandshakeException.class,
					(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(400));
	}

	@Test
	void tabClosedWithoutDisconnectIsPrunedOnTheNextSendAndTheOthersAreTold() throws Exception {
		Member ann = Member.join(this, "Ann");
		Member bob = Member.join(this, "Bob");
		ann.awaitNotice("join", "Bob");
		bob.send("{\"action\":\"sendmessage\",\"name\":\"Bob\",\"text\":\"Hi Ann\"}");
		ann.awaitNotice("message", "Bob");

		// a $disconnect that never comes: only the next send can tell that Ann is gone
		RouteIntegration disconnect = this.emulator.routes().get("$disconnect");
		this.emulator.route("$disconnect", RouteIntegration.handler((request) -> RouteResponse.ok()));
		try {
			ann.close();
			await().atMost(TIMEOUT).until(() -> this.emulator.connections().size() == 1);
			long members = this.registry.size();
			bob.send("{\"action\":\"sendmessage\",\"name\":\"Bob\",\"text\":\"Still there?\"}");
			JsonNode left = bob.awaitNotice("leave", "Ann");
			assertThat(left.get("members").valueStream().map(JsonNode::asString)).containsExactly("Bob");
			assertThat(this.registry.size()).isEqualTo(members - 1);
		}
		finally {
			this.emulator.route("$disconnect", disconnect);
		}
		JsonNode metric = this.json.readTree(get("/actuator/metrics/apigw.websocket.management?tag=outcome:gone"));
		assertThat(metric.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1);
		bob.close();
	}

	@Test
	void printsTheAddressToOpen(CapturedOutput output) {
		assertThat(output).contains("Chat sample ready: open http://localhost:" + this.port + "/");
	}

	private String get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(path).isEqualTo(200);
		return response.body();
	}

	/**
	 * A chat member on a real WebSocket connection, reading the notices it receives.
	 */
	private static final class Member {

		private final WebSocketTestClient client;

		private final JsonMapper json;

		private Member(WebSocketTestClient client, JsonMapper json) {
			this.client = client;
			this.json = json;
		}

		static Member join(ChatApplicationTests test, String name) {
			URI uri = URI.create(test.emulator.webSocketUri() + "?name=" + name);
			return new Member(WebSocketTestClient.connect(uri), test.json);
		}

		void send(String text) {
			this.client.send(text);
		}

		JsonNode awaitNotice(String type, String name) {
			return await().atMost(TIMEOUT)
				.until(() -> this.client.messages()
					.stream()
					.map(this.json::readTree)
					.filter((notice) -> type.equals(notice.get("type").asString())
							&& name.equals(notice.get("name").asString()))
					.findFirst(), Optional::isPresent)
				.orElseThrow();
		}

		void close() {
			this.client.close(1000, "bye");
		}

	}

}
