package dev.apigw.websocket.autoconfigure;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.apigw.websocket.BroadcastResult;
import dev.apigw.websocket.WebSocketConnectionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured async client opens as many connections as the broadcast window
 * allows: the SDK's Netty client defaults to 50, which would silently narrow a wider
 * window.
 */
class BroadcastConnectionPoolTests {

	private static final int WINDOW = 60;

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger peakInFlight = new AtomicInteger();

	// every request waits until the whole window is in flight at once, or gives up
	private final CountDownLatch wholeWindowArrived = new CountDownLatch(WINDOW);

	private ExecutorService executor;

	private HttpServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.executor = Executors.newFixedThreadPool(WINDOW + 10);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.setExecutor(this.executor);
		this.server.createContext("/prod/@connections/", this::holdUntilWholeWindowArrived);
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	@Test
	void wholeBroadcastWindowIsInFlightAtOnce() {
		List<String> ids = IntStream.range(0, WINDOW).mapToObj((i) -> "connection" + i).toList();
		String endpoint = "http://127.0.0.1:" + this.server.getAddress().getPort() + "/prod";
		AutoConfigurationTestSupport.contextRunnerWithOwnHttpClients()
			.withPropertyValues("apigw.websocket.endpoint=" + endpoint,
					"apigw.websocket.broadcast.max-concurrency=" + WINDOW, "apigw.websocket.broadcast.adaptive=false",
					"apigw.websocket.timeout=30s")
			.run((context) -> {
				BroadcastResult result = context.getBean(WebSocketConnectionTemplate.class).broadcast(ids, "hello");
				assertThat(result.delivered()).hasSize(WINDOW);
				assertThat(this.peakInFlight).hasValue(WINDOW);
			});
	}

	private void holdUntilWholeWindowArrived(HttpExchange exchange) throws IOException {
		int current = this.inFlight.incrementAndGet();
		this.peakInFlight.accumulateAndGet(current, Math::max);
		this.wholeWindowArrived.countDown();
		try {
			this.wholeWindowArrived.await(15, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.inFlight.decrementAndGet();
		exchange.getRequestBody().readAllBytes();
		exchange.sendResponseHeaders(200, -1);
		exchange.close();
	}

}
