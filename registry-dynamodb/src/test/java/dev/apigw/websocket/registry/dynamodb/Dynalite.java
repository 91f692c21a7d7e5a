package dev.apigw.websocket.registry.dynamodb;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.opentest4j.TestAbortedException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * {@code dynalite}, a DynamoDB implementation on Node, on a free loopback port, run by
 * {@link DynaliteExtension}. It is installed by {@code npm install} in
 * {@code src/test/dynalite} (.ci/run does it). Without Node or that install the tests are
 * skipped with the reason, except on CI ({@code CI=true}), where they fail.
 */
final class Dynalite implements AutoCloseable {

	static final Path CLI = Path.of("src/test/dynalite/node_modules/dynalite/cli.js");

	private static final String[] NODE_CANDIDATES = { "/usr/bin/node", "/usr/local/bin/node" };

	private final Process process;

	private final int port;

	private Dynalite(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	DynamoDbClient client() {
		return clientBuilder(this.endpoint()).build();
	}

	static DynamoDbClientBuilder clientBuilder(URI endpoint) {
		return DynamoDbClient.builder()
			.endpointOverride(endpoint)
			.region(Region.EU_WEST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")));
	}

	static String node() {
		String reason = null;
		String node = null;
		for (String candidate : NODE_CANDIDATES) {
			if (new File(candidate).canExecute()) {
				node = candidate;
				break;
			}
		}
		if (node == null) {
			reason = "Node.js is not installed, so the DynamoDB registry tests cannot run on dynalite";
		}
		else if (!Files.isRegularFile(CLI)) {
			reason = "dynalite is not installed (" + CLI.toAbsolutePath()
					+ " is missing), so the DynamoDB registry tests cannot run; run 'npm install' in "
					+ CLI.getParent().getParent().getParent().toAbsolutePath();
		}
		if (reason == null) {
			return node;
		}
		if ("true".equalsIgnoreCase(System.getenv("CI"))) {
			throw new IllegalStateException(reason + ": CI must install it (.ci/run)");
		}
		throw new TestAbortedException(reason);
	}

	static Dynalite start() {
		String node = node();
		IOException failure = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			int port = freePort();
			try {
				Path log = Files.createTempFile("dynalite-" + port, ".log");
				Process process = new ProcessBuilder(node, CLI.toString(), "--host", "127.0.0.1", "--port",
						Integer.toString(port), "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0")
					.redirectErrorStream(true)
					.redirectOutput(log.toFile())
					.start();
				if (awaitListening(process, port)) {
					return new Dynalite(process, port);
				}
				process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				failure = new IOException("dynalite did not listen on port " + port + ": "
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
		throw new IllegalStateException("Could not start dynalite", failure);
	}

	private static boolean awaitListening(Process process, int port) {
		try {
			Awaitility.await("dynalite on port " + port)
				.atMost(Duration.ofSeconds(20))
				.pollInterval(Duration.ofMillis(50))
				.until(() -> !process.isAlive() || accepts(port));
			return process.isAlive();
		}
		catch (ConditionTimeoutException ex) {
			return false;
		}
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
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
