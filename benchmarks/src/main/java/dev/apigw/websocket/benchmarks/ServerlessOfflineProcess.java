package dev.apigw.websocket.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * serverless-offline (npm {@code serverless} 3 with {@code serverless-offline} 13, the
 * emulator Node users run) serving a WebSocket API on 127.0.0.1, in a child process: a
 * {@code $default} route that answers any message with {@code ID <connectionId>} through
 * the management API, so that clients can learn their ids. The packages are not installed
 * by the build: {@code npm install serverless@3 serverless-offline@13} in a directory and
 * pass it.
 */
final class ServerlessOfflineProcess implements AutoCloseable {

	private static final Duration START_LIMIT = Duration.ofSeconds(90);

	private static final String SERVERLESS_YML = """
			service: apigw-bench
			frameworkVersion: '3'
			provider:
			  name: aws
			  runtime: nodejs20.x
			  region: us-east-1
			  environment:
			    WS_PORT: ${env:WS_PORT}
			plugins:
			  - serverless-offline
			functions:
			  connect:
			    handler: handler.connect
			    events:
			      - websocket:
			          route: $connect
			  disconnect:
			    handler: handler.disconnect
			    events:
			      - websocket:
			          route: $disconnect
			  default:
			    handler: handler.whoami
			    events:
			      - websocket:
			          route: $default
			""";

	private static final String HANDLER_JS = """
			'use strict';
			// answers any message with the connection's own id, posted through the management API
			exports.connect = async () => ({ statusCode: 200 });
			exports.disconnect = async () => ({ statusCode: 200 });
			exports.whoami = async (event) => {
			  const id = event.requestContext.connectionId;
			  await fetch(`http://127.0.0.1:${process.env.WS_PORT}/@connections/${encodeURIComponent(id)}`,
			    { method: 'POST', body: `ID ${id}` });
			  return { statusCode: 200 };
			};
			""";

	private final Process process;

	private final int port;

	private final Path log;

	ServerlessOfflineProcess(Path packages) throws IOException, InterruptedException {
		Path serverless = packages.resolve("node_modules/serverless/bin/serverless.js");
		if (!Files.isRegularFile(serverless)
				|| !Files.isDirectory(packages.resolve("node_modules/serverless-offline"))) {
			throw new IllegalArgumentException("No serverless and serverless-offline under " + packages
					+ "/node_modules: run 'npm install serverless@3 serverless-offline@13' there, "
					+ "or leave out --serverless-offline");
		}
		Path app = Files.createTempDirectory("apigw-bench-serverless-offline");
		Files.writeString(app.resolve("serverless.yml"), SERVERLESS_YML, StandardCharsets.UTF_8);
		Files.writeString(app.resolve("handler.js"), HANDLER_JS, StandardCharsets.UTF_8);
		Files.createSymbolicLink(app.resolve("node_modules"), packages.resolve("node_modules").toAbsolutePath());
		this.log = app.resolve("offline.log");
		this.port = LoopbackPorts.free();
		ProcessBuilder builder = new ProcessBuilder("node", serverless.toAbsolutePath().toString(), "offline", "start",
				"--host", "127.0.0.1", "--websocketPort", Integer.toString(this.port), "--httpPort",
				Integer.toString(LoopbackPorts.free()), "--lambdaPort", Integer.toString(LoopbackPorts.free()),
				// handlers in its own event loop: a worker thread per concurrent
				// invocation took
				// seconds each on a busy machine, and Lambda timeouts (6 s) cut them off
				"--useInProcess", "--noTimeout")
			.directory(app.toFile())
			.redirectErrorStream(true)
			.redirectOutput(this.log.toFile());
		// offline only: no telemetry, no notifications, credentials that sign nothing
		// real
		builder.environment()
			.putAll(Map.of("WS_PORT", Integer.toString(this.port), "SLS_TELEMETRY_DISABLED", "1",
					"SLS_NOTIFICATIONS_MODE", "off", "AWS_ACCESS_KEY_ID", "benchmark", "AWS_SECRET_ACCESS_KEY",
					"benchmark"));
		this.process = builder.start();
		long deadline = System.nanoTime() + START_LIMIT.toNanos();
		try {
			Polling.await(() -> !this.process.isAlive() || logged("[websocket] listening"), deadline);
		}
		catch (IllegalStateException ex) {
			close();
			throw new IllegalStateException(
					"serverless-offline did not start within " + START_LIMIT + "; see " + this.log);
		}
		if (!this.process.isAlive()) {
			throw new IllegalStateException("serverless-offline stopped at start; see " + this.log);
		}
	}

	URI webSocketUri() {
		return URI.create("ws://127.0.0.1:" + this.port);
	}

	/**
	 * The management endpoint: serverless-offline serves {@code /@connections/{id}}
	 * without a stage.
	 */
	URI managementEndpoint() {
		return URI.create("http://127.0.0.1:" + this.port);
	}

	/**
	 * CPU time of the Node process (its Lambda handlers run in worker threads of it).
	 */
	Duration cpuTime() {
		return this.process.info().totalCpuDuration().orElse(Duration.ZERO);
	}

	private boolean logged(String text) {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8).contains(text);
		}
		catch (IOException ex) {
			return false;
		}
	}

	@Override
	public void close() throws InterruptedException {
		List<ProcessHandle> children = this.process.descendants().toList();
		this.process.destroy();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
		children.forEach(ProcessHandle::destroy);
	}

}
