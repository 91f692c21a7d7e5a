package dev.apigw.websocket.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ServedEmulator} in a child JVM with a fixed maximum heap, driven line by line.
 */
final class EmulatorProcess implements AutoCloseable {

	private final Process process;

	private final BufferedReader out;

	private final PrintWriter in;

	private final int port;

	EmulatorProcess(String maxHeap) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		this.process = new ProcessBuilder(java, "-Xmx" + maxHeap, "-cp", System.getProperty("java.class.path"),
				ServedEmulator.class.getName())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		this.out = new BufferedReader(new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
		this.in = new PrintWriter(this.process.getOutputStream(), true, StandardCharsets.UTF_8);
		this.port = Integer.parseInt(expect("PORT"));
	}

	int port() {
		return this.port;
	}

	/**
	 * CPU time the emulator process has used so far.
	 */
	Duration cpuTime() {
		return this.process.info().totalCpuDuration().orElse(Duration.ZERO);
	}

	long usedHeapAfterGc() throws IOException {
		return Long.parseLong(ask("heap", "HEAP"));
	}

	int connectionCount() throws IOException {
		return Integer.parseInt(ask("count", "COUNT"));
	}

	List<String> connectionIds() throws IOException {
		int count = Integer.parseInt(ask("ids", "IDS"));
		List<String> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ids.add(this.out.readLine());
		}
		return ids;
	}

	private String ask(String command, String answer) throws IOException {
		this.in.println(command);
		return expect(answer);
	}

	private String expect(String prefix) throws IOException {
		String line = this.out.readLine();
		if (line == null || !line.startsWith(prefix + " ")) {
			throw new IOException("Expected '" + prefix + " ...' from the emulator process but got '" + line + "'");
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
