package dev.apigw.websocket.emulator;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * A {@code $connect} handler that learns each client's connection id from a {@code client} query
 * parameter, the way an application learns ids from its {@code $connect} integration.
 */
final class ConnectionIdCapture implements RouteHandler {

	private final Map<String, String> ids = new ConcurrentHashMap<>();

	private final AtomicInteger names = new AtomicInteger();

	@Override
	public RouteResponse handle(RouteRequest request) {
		String query = request.queryString();
		if (query != null && query.startsWith("client=")) {
			this.ids.put(query.substring("client=".length()), request.connectionId());
		}
		return RouteResponse.ok();
	}

	/**
	 * Connect a new client and wait until its connection is open on the emulator.
	 */
	Connected connect(WebSocketApiEmulator emulator) {
		String name = "c" + this.names.incrementAndGet();
		TestClient client = TestClient.connect(URI.create(emulator.webSocketUri() + "?client=" + name));
		String id = this.ids.get(name);
		await().until(() -> emulator.connection(id).isPresent());
		return new Connected(client, id);
	}

	record Connected(TestClient client, String id) {
	}

}
