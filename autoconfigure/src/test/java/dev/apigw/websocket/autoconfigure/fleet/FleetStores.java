package dev.apigw.websocket.autoconfigure.fleet;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.apigw.websocket.registry.LoopbackServerProcess;

/**
 * The {@code dynalite} that the DynamoDB fleet tests share between application contexts,
 * started on a free loopback port (installed by {@code npm install} in
 * {@code registry-dynamodb/src/test/dynalite}, as .ci/run does). Without it the tests are
 * skipped with the reason, except on CI, where they fail. The Redis fleet tests use the
 * Redis registry's own {@code RedisServer}.
 */
final class FleetStores {

	private static final String[] NODE_CANDIDATES = { "/usr/bin/node", "/usr/local/bin/node" };

	private static final Path DYNALITE = Path.of("../registry-dynamodb/src/test/dynalite/node_modules/dynalite/cli.js");

	private FleetStores() {
	}

	static LoopbackServerProcess dynalite() {
		String node = firstExecutable(NODE_CANDIDATES);
		if (node == null) {
			throw LoopbackServerProcess
				.notInstalled("Node.js is not installed, so the DynamoDB fleet tests cannot run on dynalite", "");
		}
		if (!Files.isRegularFile(DYNALITE)) {
			throw LoopbackServerProcess.notInstalled(
					"dynalite is not installed (" + DYNALITE.toAbsolutePath().normalize()
							+ " is missing), so the DynamoDB fleet tests cannot run",
					"; run 'npm install' in registry-dynamodb/src/test/dynalite");
		}
		return LoopbackServerProcess.start("dynalite",
				(port) -> List.of(node, DYNALITE.toString(), "--host", "127.0.0.1", "--port", Integer.toString(port),
						"--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"),
				FleetStores::accepts, "listen", Duration.ofSeconds(20));
	}

	private static String firstExecutable(String[] candidates) {
		for (String candidate : candidates) {
			if (new File(candidate).canExecute()) {
				return candidate;
			}
		}
		return null;
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
