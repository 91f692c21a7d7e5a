package dev.apigw.websocket.benchmarks;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A registry store run as a child process on a free loopback port for
 * {@link RegistryBenchmark}: {@code redis-server} or {@code dynalite} on Node. Its output
 * goes to a temporary file, quoted when it does not start in time.
 */
final class StoreProcess implements AutoCloseable {

	private static final long START_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(30);

	private final Process process;

	private final int port;

	private StoreProcess(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	int port() {
		return this.port;
	}

	static StoreProcess redis(String binary) throws Exception {
		requireFile(binary, "redis-server (Debian package 'redis-server'); set --redis-server");
		int port = LoopbackPorts.free();
		return start("redis-server", List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save",
				"", "--appendonly", "no", "--daemonize", "no"), port);
	}

	static StoreProcess dynalite(String cli) throws Exception {
		requireFile(cli, "dynalite ('npm install' in registry-dynamodb/src/test/dynalite); set --dynalite");
		String node = new File("/usr/bin/node").canExecute() ? "/usr/bin/node" : "node";
		int port = LoopbackPorts.free();
		return start("dynalite", List.of(node, cli, "--host", "127.0.0.1", "--port", Integer.toString(port),
				"--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"), port);
	}

	private static StoreProcess start(String name, List<String> command, int port) throws Exception {
		Path log = Files.createTempFile(name + "-" + port, ".log");
		Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			Polling.await(() -> !process.isAlive() || accepts(port), System.nanoTime() + START_LIMIT_NANOS);
		}
		catch (IllegalStateException ex) {
			// reported below
		}
		if (!process.isAlive() || !accepts(port)) {
			process.destroyForcibly();
			throw new IllegalStateException(name + " did not listen on port " + port + ": " + Files.readString(log));
		}
		return new StoreProcess(process, port);
	}

	private static void requireFile(String path, String what) {
		if (!new File(path).isFile()) {
			throw new IllegalStateException(path + " is missing: the benchmark needs " + what);
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

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
	}

}
