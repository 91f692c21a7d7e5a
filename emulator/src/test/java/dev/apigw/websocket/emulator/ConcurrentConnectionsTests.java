package dev.apigw.websocket.emulator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.apigw.websocket.testfixture.ManagementApiTestClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 1,000 connections at once on loopback, each receiving its own message through the SDK.
 */
class ConcurrentConnectionsTests {

	private static final int CONNECTIONS = 1_000;

	@Test
	void everyConnectionReceivesItsOwnMessage() throws Exception {
		Map<String, String> idsByClient = new ConcurrentHashMap<>();
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder()
			.route("$connect", RouteIntegration.handler((request) -> {
				idsByClient.put(request.queryString(), request.connectionId());
				return RouteResponse.ok();
			}))
			.start();
				ApiGatewayManagementApiClient sdk = ManagementApiTestClients.client(emulator.managementEndpoint())) {
			List<CompletableFuture<WebSocketTestClient>> connecting = IntStream.range(0, CONNECTIONS)
				.mapToObj((i) -> CompletableFuture.supplyAsync(
						() -> WebSocketTestClient.connect(URI.create(emulator.webSocketUri() + "?client=" + i))))
				.toList();
			List<WebSocketTestClient> clients = new ArrayList<>();
			for (CompletableFuture<WebSocketTestClient> future : connecting) {
				clients.add(future.get(60, TimeUnit.SECONDS));
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> emulator.connections().size() == CONNECTIONS);
			ExecutorService posters = Executors.newFixedThreadPool(16);
			try {
				List<CompletableFuture<Void>> posts = IntStream.range(0, CONNECTIONS)
					.mapToObj((i) -> CompletableFuture.runAsync(() -> ManagementApiTestClients.post(sdk,
							idsByClient.get("client=" + i), "message for " + i), posters))
					.toList();
				CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
			}
			finally {
				posters.shutdownNow();
			}
			await().atMost(Duration.ofSeconds(30))
				.until(() -> clients.stream().allMatch((client) -> client.messages().size() == 1));
			for (int i = 0; i < CONNECTIONS; i++) {
				assertThat(clients.get(i).messages()).containsExactly("message for " + i);
			}
			clients.forEach(WebSocketTestClient::close);
		}
	}

}
