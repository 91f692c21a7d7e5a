package dev.apigw.websocket.emulator;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real {@link java.net.http.WebSocket} client that records whole messages and how it was closed.
 */
final class TestClient implements WebSocket.Listener, AutoCloseable {

	static final HttpClient HTTP = HttpClient.newHttpClient();

	final List<EmulatedMessage> messages = new CopyOnWriteArrayList<>();

	final CompletableFuture<Integer> closeStatus = new CompletableFuture<>();

	volatile String closeReason = "";

	private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

	private final StringBuilder partialText = new StringBuilder();

	private final boolean reading;

	private WebSocket webSocket;

	private TestClient(boolean reading) {
		this.reading = reading;
	}

	static TestClient connect(URI uri) {
		return connect(uri, Map.of());
	}

	/**
	 * A client that reads nothing until {@link #startReading()}: the JDK's WebSocket reads from the
	 * network only as far as messages are requested.
	 */
	static TestClient connectWithoutReading(URI uri) {
		return connect(new TestClient(false), uri, Map.of());
	}

	static TestClient connect(URI uri, Map<String, String> headers) {
		return connect(new TestClient(true), uri, headers);
	}

	private static TestClient connect(TestClient client, URI uri, Map<String, String> headers) {
		WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
		headers.forEach(builder::header);
		client.webSocket = builder.buildAsync(uri, client).join();
		return client;
	}

	static TestClient connect(WebSocketApiEmulator emulator) {
		return connect(emulator.webSocketUri());
	}

	WebSocket webSocket() {
		return this.webSocket;
	}

	void sendText(String text) {
		this.webSocket.sendText(text, true).join();
	}

	void sendBinary(byte[] data) {
		this.webSocket.sendBinary(ByteBuffer.wrap(data), true).join();
	}

	EmulatedMessage awaitMessage(int index) {
		await().until(() -> this.messages.size() > index);
		return this.messages.get(index);
	}

	int awaitClose() {
		return this.closeStatus.orTimeout(30, TimeUnit.SECONDS).join();
	}

	void startReading() {
		this.webSocket.request(Long.MAX_VALUE);
	}

	@Override
	public void onOpen(WebSocket webSocket) {
		if (this.reading) {
			webSocket.request(Long.MAX_VALUE);
		}
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		synchronized (this.partialText) {
			this.partialText.append(data);
			if (last) {
				this.messages.add(new EmulatedMessage(this.partialText.toString().getBytes(StandardCharsets.UTF_8),
						false, Instant.now()));
				this.partialText.setLength(0);
			}
		}
		return null;
	}

	@Override
	public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
		synchronized (this.partial) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.partial.writeBytes(bytes);
			if (last) {
				this.messages.add(new EmulatedMessage(this.partial.toByteArray(), true, Instant.now()));
				this.partial.reset();
			}
		}
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closeReason = reason;
		this.closeStatus.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closeStatus.complete(1006);
	}

	@Override
	public void close() {
		if (!this.webSocket.isOutputClosed()) {
			this.webSocket.abort();
		}
	}

}
