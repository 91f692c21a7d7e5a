package dev.apigw.websocket.inbound;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

import dev.apigw.websocket.emulator.RouteIntegration;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The emulator's HTTP integration keeps a copy of the {@link InboundHeaders} contract (it
 * does not depend on this module): a real emulator calls a server on 127.0.0.1 that hands
 * each request to the real {@link InboundEventDispatcher}, and every event must carry
 * what the emulator sent under the contract's names.
 */
class InboundHeadersEmulatorTests {

	private static final String SECRET = "emulator-contract-secret";

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final List<HttpHeaders> received = new CopyOnWriteArrayList<>();

	private final InboundEventDispatcher dispatcher = new InboundEventDispatcher(
			new InboundEventPublisher(this.events::add, null),
			new SharedSecret(InboundHeaders.DEFAULT_SECRET_HEADER, SECRET), 64 * 1024);

	private HttpServer endpoint;

	private WebSocketApiEmulator emulator;

	@BeforeEach
	void start() throws IOException {
		this.endpoint = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.endpoint.createContext("/apigw/websocket", this::dispatch);
		this.endpoint.start();
		URI uri = URI.create("http://127.0.0.1:" + this.endpoint.getAddress().getPort() + "/apigw/websocket");
		RouteIntegration integration = RouteIntegration.http(uri, Map.of(InboundHeaders.DEFAULT_SECRET_HEADER, SECRET));
		this.emulator = WebSocketApiEmulator.builder()
			.route("$connect", integration)
			.route("$default", integration)
			.route("$disconnect", integration)
			.start();
	}

	@AfterEach
	void stop() {
		this.emulator.close();
		this.endpoint.stop(0);
	}

	@Test
	void everyEventCarriesWhatTheEmulatorSentUnderTheContractsNames() throws Exception {
		WebSocket client = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create(this.emulator.webSocketUri() + "?room=blue"), new WebSocket.Listener() {
			})
			.get(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.emulator.connections().size() == 1);
		String connectionId = this.emulator.connections().get(0).id();
		client.sendText("hello", true).get(10, TimeUnit.SECONDS);
		// the emulator calls integrations concurrently: close once the message has
		// arrived
		await().atMost(Duration.ofSeconds(10)).until(() -> this.events.size() == 2);
		client.sendClose(4001, "bye").get(10, TimeUnit.SECONDS);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.events.size() == 3);

		assertThat(this.received).hasSize(3)
			.allSatisfy((headers) -> assertThat(List.of(InboundHeaders.CONNECTION_ID, InboundHeaders.EVENT_TYPE,
					InboundHeaders.ROUTE_KEY, InboundHeaders.REQUEST_TIME_EPOCH))
				.allSatisfy((name) -> assertThat(headers.containsHeader(name)).as(name).isTrue()));
		assertThat(this.events.get(0)).isInstanceOfSatisfying(WebSocketConnectEvent.class, (connect) -> {
			assertThat(connect.connectionId()).isEqualTo(connectionId);
			assertThat(connect.queryParameters()).containsEntry("room", List.of("blue"));
			assertThat(connect.time()).isEqualTo(requestTime(this.received.get(0)));
		});
		assertThat(this.events.get(1)).isInstanceOfSatisfying(WebSocketMessageEvent.class, (message) -> {
			assertThat(message.connectionId()).isEqualTo(connectionId);
			assertThat(message.routeKey()).isEqualTo("$default");
			assertThat(message.body()).isEqualTo("hello");
			assertThat(message.time()).isEqualTo(requestTime(this.received.get(1)));
		});
		assertThat(this.events.get(2)).isInstanceOfSatisfying(WebSocketDisconnectEvent.class, (disconnect) -> {
			assertThat(disconnect.connectionId()).isEqualTo(connectionId);
			assertThat(disconnect.statusCode()).isEqualTo(4001);
			assertThat(disconnect.reason()).isEqualTo("bye");
			assertThat(disconnect.time()).isEqualTo(requestTime(this.received.get(2)));
		});
	}

	private static Instant requestTime(HttpHeaders headers) {
		return Instant.ofEpochMilli(Long.parseLong(headers.getFirst(InboundHeaders.REQUEST_TIME_EPOCH)));
	}

	// the part of a web handler that does not depend on the web stack
	private void dispatch(HttpExchange exchange) {
		try (exchange) {
			HttpHeaders headers = new HttpHeaders();
			exchange.getRequestHeaders().forEach(headers::addAll);
			this.received.add(headers);
			InboundRequest request = new InboundRequest(headers, exchange.getRequestURI());
			InboundResponse response = this.dispatcher.refuse(request);
			if (response == null) {
				response = this.dispatcher.dispatch(request, exchange.getRequestBody().readNBytes(64 * 1024));
			}
			exchange.sendResponseHeaders(response.status(), -1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
