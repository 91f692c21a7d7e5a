package dev.apigw.websocket.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server on loopback speaking the Lambda Invoke API ({@code POST
 * /2015-03-31/functions/{name}/invocations}), as {@code sam local
 * start-lambda} and the runtime interface emulator do: records each event and answers
 * with what the test's function returns.
 */
final class LocalInvokeApi implements AutoCloseable {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	final List<Received> invocations = new CopyOnWriteArrayList<>();

	private volatile Function<Map<String, Object>, Answer> function = (event) -> Answer.payload("{\"statusCode\":200}");

	private final HttpServer server;

	@SuppressWarnings("unchecked")
	LocalInvokeApi() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
		this.server.createContext("/", (exchange) -> {
			Map<String, Object> event = MAPPER.readValue(exchange.getRequestBody().readAllBytes(), Map.class);
			this.invocations.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("Content-Type"), event));
			Answer answer = this.function.apply(event);
			answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
			byte[] body = answer.body().getBytes(java.nio.charset.StandardCharsets.UTF_8);
			// chunked (length 0) when asked: no Content-Length for the client to check
			// first
			exchange.sendResponseHeaders(answer.status(), answer.chunked() ? 0 : (body.length > 0) ? body.length : -1);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	void function(Function<Map<String, Object>, Answer> function) {
		this.function = function;
	}

	List<Map<String, Object>> eventsFor(String routeKey) {
		return this.invocations.stream()
			.map(Received::event)
			.filter((event) -> routeKey.equals(LambdaEventsTestSupport.context(event).get("routeKey")))
			.toList();
	}

	@Override
	public void close() {
		this.server.stop(0);
		((java.util.concurrent.ExecutorService) this.server.getExecutor()).shutdownNow();
	}

	record Received(String method, String path, String contentType, Map<String, Object> event) {

	}

	record Answer(int status, Map<String, String> headers, String body, boolean chunked) {

		Answer(int status, Map<String, String> headers, String body) {
			this(status, headers, body, false);
		}

		static Answer payload(String json) {
			return new Answer(200, Map.of("Content-Type", "application/json"), json);
		}

		static Answer chunked(String json) {
			return new Answer(200, Map.of("Content-Type", "application/json"), json, true);
		}

	}

}
