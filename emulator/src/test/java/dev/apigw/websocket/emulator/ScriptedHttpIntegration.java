package dev.apigw.websocket.emulator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP integration endpoint on loopback whose answer to each message is scripted
 * by the message's body: a body of N bytes ({@code x} each) declared by its
 * {@code Content-Length} or streamed in chunks, or an answer held until released. Counts
 * answers whose body could not be written whole because the emulator stopped reading.
 */
final class ScriptedHttpIntegration implements AutoCloseable {

	private static final int CHUNK = 16 * 1024;

	final AtomicInteger cutOff = new AtomicInteger();

	final AtomicInteger held = new AtomicInteger();

	private final CountDownLatch release = new CountDownLatch(1);

	private final ExecutorService executor = Executors.newFixedThreadPool(8);

	private final HttpServer server;

	private volatile Function<String, Answer> script = (body) -> Answer.declared(2);

	ScriptedHttpIntegration() {
		try {
			this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::answer);
		this.server.start();
	}

	URI uri() {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + "/integration");
	}

	void script(Function<String, Answer> script) {
		this.script = script;
	}

	void release() {
		this.release.countDown();
	}

	private void answer(HttpExchange exchange) throws IOException {
		String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
		Answer answer = this.script.apply(body);
		try (exchange) {
			if (answer.hold()) {
				this.held.incrementAndGet();
				try {
					this.release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			byte[] chunk = new byte[Math.min(CHUNK, Math.max(answer.bytes(), 1))];
			Arrays.fill(chunk, (byte) 'x');
			// length 0 means chunked transfer encoding for HttpServer
			exchange.sendResponseHeaders(200, answer.chunked() ? 0 : answer.bytes());
			OutputStream out = exchange.getResponseBody();
			try {
				for (int written = 0; written < answer.bytes(); written += chunk.length) {
					out.write(chunk, 0, Math.min(chunk.length, answer.bytes() - written));
					out.flush();
				}
			}
			catch (IOException ex) {
				this.cutOff.incrementAndGet();
			}
		}
	}

	@Override
	public void close() {
		this.release.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	/**
	 * What the integration answers: {@code bytes} of {@code x}, declared or chunked,
	 * possibly after being released.
	 */
	record Answer(int bytes, boolean chunked, boolean hold) {

		static Answer declared(int bytes) {
			return new Answer(bytes, false, false);
		}

		static Answer chunked(int bytes) {
			return new Answer(bytes, true, false);
		}

		static Answer heldUntilReleased() {
			return new Answer(2, false, true);
		}

	}

}
