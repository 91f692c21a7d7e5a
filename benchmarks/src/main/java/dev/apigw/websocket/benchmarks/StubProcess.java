package dev.apigw.websocket.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A {@link StubManagementApi} in a child JVM, driven line by line.
 */
final class StubProcess implements AutoCloseable {

	private final Process process;

	private final BufferedReader out;

	private final PrintWriter in;

	private final int port;

	StubProcess() throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.process = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
				System.getProperty("java.class.path"), StubManagementApi.class.getName())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		this.out = new BufferedReader(new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
		this.in = new PrintWriter(this.process.getOutputStream(), true, StandardCharsets.UTF_8);
		this.port = Integer.parseInt(expect("PORT"));
	}

	/**
	 * The management endpoint, with a stage as API Gateway's has one.
	 */
	URI endpoint() {
		return URI.create("http://127.0.0.1:" + this.port + "/bench");
	}

	/**
	 * Set the injected latency and the token bucket, and reset the counters.
	 * @param ratePerSecond the bucket's refill rate, 0 for no limit
	 */
	void configure(Duration latency, double ratePerSecond, int burst) throws IOException {
		ask("config " + latency.toMillis() + " " + ratePerSecond + " " + burst, "OK");
		reset();
	}

	void reset() throws IOException {
		ask("reset", "OK");
	}

	StubStats stats() throws IOException {
		return StubStats.fromLine(ask("stats", "STATS"));
	}

	/**
	 * CPU time the stub process has used so far.
	 */
	Duration cpuTime() {
		return this.process.info().totalCpuDuration().orElse(Duration.ZERO);
	}

	private String ask(String command, String answer) throws IOException {
		this.in.println(command);
		return expect(answer);
	}

	private String expect(String prefix) throws IOException {
		String line = this.out.readLine();
		if (line == null || !line.startsWith(prefix + " ")) {
			throw new IOException("Expected '" + prefix + " ...' from the stub process but got '" + line + "'");
		}
		return line.substring(prefix.length() + 1);
	}

	@Override
	public void close() throws InterruptedException {
		this.in.println("exit");
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroy();
		}
	}

}
