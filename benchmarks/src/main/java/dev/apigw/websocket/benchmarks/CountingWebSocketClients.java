package dev.apigw.websocket.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * WebSocket clients ({@code java.net.http}) that only count the messages they receive and
 * drop them, so that receiving costs as little as possible next to what is measured.
 */
final class CountingWebSocketClients implements AutoCloseable {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private final HttpClient httpClient = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

	private final List<WebSocket> webSockets = new ArrayList<>();

	private final LongAdder received = new LongAdder();

	/**
	 * Open {@code count} connections, one at a time.
	 */
	void open(URI uri, int count) throws Exception {
		Counter counter = new Counter();
		for (int i = 0; i < count; i++) {
			this.webSockets.add(this.httpClient.newWebSocketBuilder()
				.connectTimeout(CONNECT_TIMEOUT)
				.buildAsync(uri, counter)
				.get(CONNECT_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
		}
	}

	/**
	 * Whole messages received so far by all connections.
	 */
	long received() {
		return this.received.sum();
	}

	@Override
	public void close() {
		for (WebSocket webSocket : this.webSockets) {
			webSocket.abort();
		}
	}

	private final class Counter implements WebSocket.Listener {

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			if (last) {
				CountingWebSocketClients.this.received.increment();
			}
			webSocket.request(1);
			return null;
		}

	}

}
