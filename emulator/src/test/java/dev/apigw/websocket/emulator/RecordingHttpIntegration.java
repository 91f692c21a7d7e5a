package dev.apigw.websocket.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback standing in for an application's integration endpoint:
 * records every request and answers with a per-route-key response.
 */
final class RecordingHttpIntegration implements AutoCloseable {

	final List<Received> requests = new CopyOnWriteArrayList<>();

	private final Map<String, Function<Received, RouteResponse>> answers = new ConcurrentHashMap<>();

	private final HttpServer server;

	RecordingHttpIntegration() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", (exchange) -> {
			Received received = new Received(exchange.getRequestMethod(), exchange.getRequestURI(),
					exchange.getRequestHeaders(),
					new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			this.requests.add(received);
			RouteResponse response = this.answers.getOrDefault(received.header("routeKey"), (r) -> RouteResponse.ok())
				.apply(received);
			byte[] body = (response.body() != null) ? response.body().getBytes(StandardCharsets.UTF_8) : new byte[0];
			exchange.sendResponseHeaders(response.statusCode(), (body.length > 0) ? body.length : -1);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	URI uri() {
		return URI
			.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/apigw/websocket?source=emulator");
	}

	void answer(String routeKey, Function<Received, RouteResponse> answer) {
		this.answers.put(routeKey, answer);
	}

	List<Received> requestsFor(String routeKey) {
		return this.requests.stream().filter((r) -> routeKey.equals(r.header("routeKey"))).toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Received(String method, URI uri, Headers headers, String body) {

		String header(String name) {
			return this.headers.getFirst(name);
		}

	}

}
