package dev.apigw.websocket.emulator;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A {@code $connect} handler that learns each client's connection id from a
 * {@code client} query parameter, the way an application learns ids from its
 * {@code $connect} integration. Can also choose the next id, for ids with characters that
 * random ones rarely have.
 */
final class ConnectionIdCapture implements RouteHandler {

	private final Map<String, String> ids = new ConcurrentHashMap<>();

	private final AtomicInteger names = new AtomicInteger();

	private final AtomicReference<String> nextId = new AtomicReference<>();

	@Override
	public RouteResponse handle(RouteRequest request) {
		String query = request.queryString();
		if (query != null && query.startsWith("client=")) {
			this.ids.put(query.substring("client=".length()), request.connectionId());
		}
		return RouteResponse.ok();
	}

	/**
	 * Ids for the emulator's builder: the chosen one once, else random ones.
	 */
	Supplier<String> idSource() {
		return () -> {
			String chosen = this.nextId.getAndSet(null);
			return (chosen != null) ? chosen : ConnectionIds.next();
		};
	}

	/**
	 * Connect a new client and wait until its connection is open on the emulator.
	 */
	Connected connect(WebSocketApiEmulator emulator) {
		String name = "c" + this.names.incrementAndGet();
		WebSocketTestClient client = WebSocketTestClient
			.connect(URI.create(emulator.webSocketUri() + "?client=" + name));
		String id = this.ids.get(name);
		await().until(() -> emulator.connection(id).isPresent());
		return new Connected(client, id);
	}

	/**
	 * Connect a new client that gets the given id (the emulator must use
	 * {@link #idSource()}).
	 */
	Connected connect(WebSocketApiEmulator emulator, String connectionId) {
		this.nextId.set(connectionId);
		Connected connected = connect(emulator);
		assertThat(connected.id()).isEqualTo(connectionId);
		return connected;
	}

	record Connected(WebSocketTestClient client, String id) {
	}

}
