package dev.apigw.websocket.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/**
 * A {@link StubManagementApi} in a child JVM, driven line by line.
 */
final class StubProcess implements AutoCloseable {

	private final ChildJvm process;

	private final int port;

	StubProcess() throws IOException {
		this.process = new ChildJvm("stub", StubManagementApi.class, "-Xmx256m", "-XX:+UseSerialGC");
		this.port = Integer.parseInt(this.process.expect("PORT"));
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
		this.process.ask("config " + latency.toMillis() + " " + ratePerSecond + " " + burst, "OK");
		reset();
	}

	void reset() throws IOException {
		this.process.ask("reset", "OK");
	}

	StubStats stats() throws IOException {
		return StubStats.fromLine(this.process.ask("stats", "STATS"));
	}

	/**
	 * CPU time the stub process has used so far.
	 */
	Duration cpuTime() {
		return this.process.cpuTime();
	}

	@Override
	public void close() throws InterruptedException {
		this.process.close();
	}

}
