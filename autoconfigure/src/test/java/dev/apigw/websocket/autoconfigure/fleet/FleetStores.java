package dev.apigw.websocket.autoconfigure.fleet;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.apigw.websocket.registry.LoopbackServerProcess;

/**
 * The real stores the fleet tests share between application contexts, each started on a
 * free loopback port: Debian's {@code redis-server} and {@code dynalite} (installed by
 * {@code npm install} in {@code registry-dynamodb/src/test/dynalite}, as .ci/run does).
 * Without them the tests are skipped with the reason, except on CI, where they fail.
 */
final class FleetStores {

	private static final String[] REDIS_CANDIDATES = { "/usr/bin/redis-server", "/usr/local/bin/redis-server" };

	private static final String[] NODE_CANDIDATES = { "/usr/bin/node", "/usr/local/bin/node" };

	private static final Path DYNALITE = Path.of("../registry-dynamodb/src/test/dynalite/node_modules/dynalite/cli.js");

	private FleetStores() {
	}

	static LoopbackServerProcess redis() {
		String binary = firstExecutable(REDIS_CANDIDATES);
		if (binary == null) {
			throw LoopbackServerProcess.notInstalled(
					"redis-server is not installed (Debian package 'redis-server'), so the Redis fleet tests cannot run",
					"; install it with 'apt-get install redis-server'");
		}
		return LoopbackServerProcess.start("redis-server",
				(port) -> List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
						"--appendonly", "no", "--daemonize", "no"),
				(port) -> "+PONG".equals(ping(port)), "answer PING", Duration.ofSeconds(10));
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

	private static boolean accepts(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
