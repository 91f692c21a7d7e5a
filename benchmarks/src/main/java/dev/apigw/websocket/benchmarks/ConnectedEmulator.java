package dev.apigw.websocket.benchmarks;

import java.time.Duration;
import java.util.List;

import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import dev.apigw.websocket.BroadcastOptions;
import dev.apigw.websocket.emulator.EmulatedConnection;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.testfixture.ManagementApiTestClients;

/**
 * The emulator in this JVM on loopback, set up as {@link ServedEmulator#builder()} does,
 * with {@link CountingWebSocketClients} connected to it and real SDK clients aimed at its
 * management endpoint.
 */
final class ConnectedEmulator implements AutoCloseable {

	private static final Duration START_LIMIT = Duration.ofSeconds(60);

	private static final Duration DELIVERY_LIMIT = Duration.ofSeconds(10);

	/**
	 * Enough pooled HTTP connections for any thread count a benchmark is run with here.
	 */
	private static final int SYNC_MAX_CONNECTIONS = 64;

	private final WebSocketApiEmulator emulator;

	private final CountingWebSocketClients clients = new CountingWebSocketClients();

	private final List<String> connectionIds;

	private final ApiGatewayManagementApiClient client;

	private final ApiGatewayManagementApiAsyncClient asyncClient;

	ConnectedEmulator(int connections) throws Exception {
		long deadline = System.nanoTime() + START_LIMIT.toNanos();
		this.emulator = ServedEmulator.builder().start();
		this.clients.open(this.emulator.webSocketUri(), connections);
		Polling.await(() -> this.emulator.connections().size() >= connections, deadline);
		this.connectionIds = this.emulator.connections().stream().map(EmulatedConnection::id).toList();
		this.client = ManagementApiTestClients.at(this.emulator.managementEndpoint())
			.maxConnections(SYNC_MAX_CONNECTIONS)
			.client();
		// as the auto-configuration sizes it: the broadcast window, not the HTTP pool, is
		// the limit
		this.asyncClient = ManagementApiTestClients.at(this.emulator.managementEndpoint())
			.maxConnections(BroadcastOptions.defaults().maxConcurrency())
			.asyncClient();
	}

	WebSocketApiEmulator emulator() {
		return this.emulator;
	}

	List<String> connectionIds() {
		return this.connectionIds;
	}

	ApiGatewayManagementApiClient client() {
		return this.client;
	}

	ApiGatewayManagementApiAsyncClient asyncClient() {
		return this.asyncClient;
	}

	/**
	 * Wait, a bounded time, until the WebSocket clients have received the given number of
	 * messages: a post is answered before its frame reaches the client.
	 * @return the messages received, fewer than expected if the time ran out
	 */
	long awaitReceived(long expected) throws InterruptedException {
		try {
			Polling.await(() -> this.clients.received() >= expected, System.nanoTime() + DELIVERY_LIMIT.toNanos());
		}
		catch (IllegalStateException ex) {
			// reported by the caller as a shortfall
		}
		return this.clients.received();
	}

	@Override
	public void close() {
		this.client.close();
		this.asyncClient.close();
		this.clients.close();
		this.emulator.close();
	}

}
