package dev.apigw.websocket.registry.redis;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.opentest4j.TestAbortedException;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, run by
 * {@link RedisServerExtension}. Without the binary the tests are skipped with the reason,
 * except on CI ({@code CI=true}), where they fail: CI must install it.
 */
final class RedisServer implements AutoCloseable {

	private static final String[] CANDIDATES = { "/usr/bin/redis-server", "/usr/local/bin/redis-server" };

	private final Process process;

	private final int port;

	private RedisServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	int port() {
		return this.port;
	}

	/**
	 * Start a server, or abort (fail on CI) the calling tests when there is no binary.
	 * @return the started server
	 */
	static RedisServer start() {
		String binary = binary();
		IOException failure = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			int port = freePort();
			try {
				Path log = Files.createTempFile("redis-server-" + port, ".log");
				Process process = new ProcessBuilder(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
						"--save", "", "--appendonly", "no", "--daemonize", "no")
					.redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.start();
				if (awaitReady(process, port)) {
					return new RedisServer(process, port);
				}
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				failure = new IOException("redis-server did not answer PING on port " + port + ": "
						+ Files.readString(log, StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				failure = ex;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException("Could not start " + binary, failure);
	}

	static String binary() {
		for (String candidate : CANDIDATES) {
			if (new File(candidate).canExecute()) {
				return candidate;
			}
		}
		String reason = "redis-server is not installed (Debian package 'redis-server'), so the Redis registry "
				+ "tests cannot run";
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(reason + ": CI must install it (.ci/run)");
		}
		throw new TestAbortedException(reason + "; install it with 'apt-get install redis-server'");
	}

	private static boolean awaitReady(Process process, int port) {
		try {
			Awaitility.await("redis-server on port " + port)
				.atMost(Duration.ofSeconds(10))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> !process.isAlive() || "+PONG".equals(ping(port)));
			return process.isAlive();
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	private static String ping(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
		catch (IOException ex) {
			return null;
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
	}

}
