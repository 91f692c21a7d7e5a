package dev.apigw.websocket.autoconfigure.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real {@link WebSocket} client that records the text messages it receives.
 */
final class RecordingWebSocketClient implements WebSocket.Listener {

	private final List<String> messages = new CopyOnWriteArrayList<>();

	private final StringBuilder partial = new StringBuilder();

	private final WebSocket webSocket;

	private RecordingWebSocketClient(URI uri) throws Exception {
		this.webSocket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this).get(10, TimeUnit.SECONDS);
	}

	static RecordingWebSocketClient connect(URI uri) throws Exception {
		return new RecordingWebSocketClient(uri);
	}

	static CompletableFuture<WebSocket> tryConnect(URI uri) {
		return HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, new WebSocket.Listener() {
		});
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.messages.add(this.partial.toString());
			this.partial.setLength(0);
		}
		webSocket.request(1);
		return null;
	}

	List<String> messages() {
		return List.copyOf(this.messages);
	}

	void send(String text) {
		this.webSocket.sendText(text, true).join();
	}

	void close(int statusCode, String reason) {
		this.webSocket.sendClose(statusCode, reason).join();
	}

}
