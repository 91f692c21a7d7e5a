package dev.apigw.websocket.emulator;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.apigw.websocket.testfixture.ManagementApiTestClients;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * Small, bounded reproductions of issue 8's overload findings, for before/after figures
 * (not a test; uses only the emulator's public API so it runs against older versions
 * too). Run from the test classpath, e.g. with
 * {@code -Xmx512m -XX:MaxDirectMemorySize=128m}:
 * <ul>
 * <li>{@code slow-integration}: one client sends 600 messages of 128 KB to a
 * {@code $default} integration that handles nothing for 10 s; prints how many the client
 * got to send, the heap the emulator grew by, and how long a management call and a new
 * handshake take meanwhile.</li>
 * <li>{@code idle-sockets}: 200 sockets that send nothing; prints how many are still open
 * after 12 s.</li>
 * <li>{@code partial-bodies}: 200 sockets that each send 1 MB less one byte of a 1 MB
 * body; prints what they were answered and how long a 5-byte POST then takes.</li>
 * </ul>
 */
public final class OverloadReproduction {

	private static final int MESSAGE_BYTES = 128 * 1024;

	private OverloadReproduction() {
	}

	public static void main(String[] args) throws Exception {
		switch ((args.length > 0) ? args[0] : "") {
			case "slow-integration" -> slowIntegration();
			case "idle-sockets" -> idleSockets();
			case "partial-bodies" -> partialBodies();
			default -> System.out.println("Usage: OverloadReproduction slow-integration|idle-sockets|partial-bodies");
		}
		System.exit(0);
	}

	private static void slowIntegration() throws Exception {
		CountDownLatch released = new CountDownLatch(1);
		AtomicInteger handled = new AtomicInteger();
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder()
			.route("$default", RouteIntegration.handler((request) -> {
				released.await(30, TimeUnit.SECONDS);
				handled.incrementAndGet();
				return RouteResponse.ok();
			}))
			.start();
				ApiGatewayManagementApiClient sdk = ManagementApiTestClients.client(emulator.managementEndpoint())) {
			RawFrameClient client = new RawFrameClient(emulator);
			waitFor(() -> emulator.connections().size() == 1, Duration.ofSeconds(5));
			String id = emulator.connections().get(0).id();
			sdk.getConnection((request) -> request.connectionId(id));
			long heapBefore = usedHeapAfterGc();
			AtomicInteger sent = new AtomicInteger();
			Thread writer = new Thread(() -> {
				byte[] message = new byte[MESSAGE_BYTES];
				Arrays.fill(message, (byte) 'x');
				try {
					for (int i = 0; i < 600; i++) {
						client.sendMessage(RawFrameClient.TEXT, message);
						sent.incrementAndGet();
					}
				}
				catch (IOException ex) {
					// closed at the end
				}
			});
			writer.setDaemon(true);
			writer.start();
			writer.join(10_000);
			long heapGrowth = usedHeapAfterGc() - heapBefore;
			long managementMillis = timed(() -> sdk.getConnection((request) -> request.connectionId(id)));
			long handshakeMillis = timed(() -> WebSocketTestClient.connect(emulator).close());
			System.out.printf(
					"slow-integration: client sent %d of 600 messages of 128 KB in 10 s; emulator heap grew by %.1f MB;"
							+ " management GET took %d ms, a new handshake %d ms (-1: no answer within 5 s)%n",
					sent.get(), heapGrowth / 1e6, managementMillis, handshakeMillis);
			released.countDown();
			client.close();
		}
	}

	private static void idleSockets() throws Exception {
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder().start()) {
			List<Socket> sockets = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				sockets.add(connect(emulator));
			}
			Thread.sleep(12_000);
			int open = 0;
			for (Socket socket : sockets) {
				socket.setSoTimeout(1);
				try {
					if (socket.getInputStream().read() >= 0) {
						open++;
					}
				}
				catch (SocketTimeoutException ex) {
					open++;
				}
				catch (IOException ex) {
					// reset: closed
				}
				socket.close();
			}
			System.out.printf("idle-sockets: %d of 200 sockets that sent nothing are still open after 12 s%n", open);
		}
	}

	private static void partialBodies() throws Exception {
		int megabyte = 1024 * 1024;
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder().start()) {
			String head = "POST /local/@connections/AAAAAAAAAAAAAAA%3D HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
					+ megabyte + "\r\n\r\n";
			byte[] almostAll = new byte[megabyte - 1];
			List<Socket> sockets = new ArrayList<>();
			for (int i = 0; i < 200; i++) {
				Socket socket = connect(emulator);
				socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
				socket.getOutputStream().write(almostAll);
				sockets.add(socket);
			}
			Thread.sleep(1_000);
			long start = System.nanoTime();
			String answer;
			try (Socket small = connect(emulator)) {
				small.setSoTimeout(60_000);
				small.getOutputStream()
					.write(("POST /local/@connections/AAAAAAAAAAAAAAA%3D HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello")
						.getBytes(StandardCharsets.US_ASCII));
				answer = statusLine(small.getInputStream());
			}
			catch (SocketTimeoutException ex) {
				answer = "nothing";
			}
			long smallMillis = (System.nanoTime() - start) / 1_000_000;
			int answered503 = 0;
			int closedUnanswered = 0;
			int waiting = 0;
			for (Socket socket : sockets) {
				socket.setSoTimeout(100);
				try {
					String status = statusLine(socket.getInputStream());
					if (status.contains(" 503 ")) {
						answered503++;
					}
					else if (status.isEmpty()) {
						closedUnanswered++;
					}
				}
				catch (SocketTimeoutException ex) {
					waiting++;
				}
				catch (IOException ex) {
					closedUnanswered++;
				}
				socket.close();
			}
			System.out.printf(
					"partial-bodies: a 5-byte POST was answered '%s' after %d ms; of 200 partial 1 MB bodies %d were"
							+ " answered 503, %d closed without an answer, %d still waiting%n",
					answer, smallMillis, answered503, closedUnanswered, waiting);
		}
	}

	private static Socket connect(WebSocketApiEmulator emulator) throws IOException {
		Socket socket = new Socket();
		socket.connect(new InetSocketAddress("127.0.0.1", emulator.port()), 5_000);
		return socket;
	}

	/**
	 * The status line, or empty when the connection closes first.
	 */
	private static String statusLine(InputStream in) throws IOException {
		StringBuilder line = new StringBuilder();
		int b;
		while ((b = in.read()) >= 0 && b != '\n') {
			line.append((char) b);
		}
		return line.toString().trim();
	}

	private static long timed(Runnable call) {
		long start = System.nanoTime();
		try {
			CompletableFuture.runAsync(call).get(5, TimeUnit.SECONDS);
			return (System.nanoTime() - start) / 1_000_000;
		}
		catch (Exception ex) {
			return -1;
		}
	}

	private static void waitFor(java.util.function.BooleanSupplier condition, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Not reached within " + timeout);
			}
			Thread.onSpinWait();
		}
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			memory.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
