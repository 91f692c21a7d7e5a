package dev.apigw.websocket.registry;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.opentest4j.TestAbortedException;

/**
 * A test server run as a process on a free loopback port, for the tests of registries
 * against their real store: started with a few attempts (a free port may be taken before
 * the server binds it), its output logged to a temporary file that a failure quotes.
 */
public final class LoopbackServerProcess implements AutoCloseable {

	private static final int START_ATTEMPTS = 3;

	private final Process process;

	private final int port;

	private LoopbackServerProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/**
	 * Return the port the server listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Start a server and wait until it is ready.
	 * @param name the server's name, for logs and failures
	 * @param command the command line that starts the server on the given port
	 * @param ready whether the server on the given port is ready
	 * @param notReady what a server that is not ready did not do, for the failure
	 * @param timeout how long to wait for the server to be ready
	 * @return the started server
	 */
	public static LoopbackServerProcess start(String name, IntFunction<List<String>> command, IntPredicate ready,
			String notReady, Duration timeout) {
		IOException failure = null;
		for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
			int port = freePort();
			try {
				Path log = Files.createTempFile(name + "-" + port, ".log");
				Process process = new ProcessBuilder(command.apply(port)).redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.start();
				if (awaitReady(name, process, port, ready, timeout)) {
					return new LoopbackServerProcess(process, port);
				}
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				failure = new IOException(name + " did not " + notReady + " on port " + port + ": "
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
		throw new IllegalStateException("Could not start " + name, failure);
	}

	/**
	 * Refuse to run tests whose server is not installed: skip them with the reason, or,
	 * on CI ({@code CI=true}), fail them, since CI must install it.
	 * @param reason why the tests cannot run
	 * @param advice how to install what is missing, added to the reason of a skip
	 * @return never: it always throws
	 */
	public static RuntimeException notInstalled(String reason, String advice) {
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(reason + ": CI must install it (.ci/run)");
		}
		throw new TestAbortedException(reason + advice);
	}

	private static boolean awaitReady(String name, Process process, int port, IntPredicate ready, Duration timeout) {
		try {
			Awaitility.await(name + " on port " + port)
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(50))
				.until(() -> !process.isAlive() || ready.test(port));
			return process.isAlive();
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	/**
	 * Return a loopback port that was free when asked.
	 * @return the port
	 */
	public static int freePort() {
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
