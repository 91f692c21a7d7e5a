package dev.apigw.websocket.registry.dynamodb;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

import dev.apigw.websocket.registry.LoopbackServerProcess;

/**
 * {@code dynalite}, a DynamoDB implementation on Node, on a free loopback port, run by
 * {@link DynaliteExtension}. It is installed by {@code npm install} in
 * {@code src/test/dynalite} (.ci/run does it). Without Node or that install the tests are
 * skipped with the reason, except on CI ({@code CI=true}), where they fail.
 */
final class Dynalite implements AutoCloseable {

	static final Path CLI = Path.of("src/test/dynalite/node_modules/dynalite/cli.js");

	private static final String[] NODE_CANDIDATES = { "/usr/bin/node", "/usr/local/bin/node" };

	private final LoopbackServerProcess server;

	private Dynalite(LoopbackServerProcess server) {
		this.server = server;
	}

	URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.server.port());
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
		throw LoopbackServerProcess.notInstalled(reason, "");
	}

	static Dynalite start() {
		String node = node();
		return new Dynalite(LoopbackServerProcess.start("dynalite",
				(port) -> List.of(node, CLI.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
						"--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"),
				Dynalite::accepts, "listen", Duration.ofSeconds(20)));
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.server.close();
	}

}
