package dev.apigw.websocket.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ServedEmulator} in a child JVM with a fixed maximum heap, driven line by line.
 */
final class EmulatorProcess implements AutoCloseable {

	private final ChildJvm process;

	private final int port;

	EmulatorProcess(String maxHeap) throws IOException {
		this.process = new ChildJvm("emulator", ServedEmulator.class, "-Xmx" + maxHeap);
		this.port = Integer.parseInt(this.process.expect("PORT"));
	}

	int port() {
		return this.port;
	}

	/**
	 * CPU time the emulator process has used so far.
	 */
	Duration cpuTime() {
		return this.process.cpuTime();
	}

	long usedHeapAfterGc() throws IOException {
		return Long.parseLong(this.process.ask("heap", "HEAP"));
	}

	int connectionCount() throws IOException {
		return Integer.parseInt(this.process.ask("count", "COUNT"));
	}

	List<String> connectionIds() throws IOException {
		int count = Integer.parseInt(this.process.ask("ids", "IDS"));
		List<String> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ids.add(this.process.readLine());
		}
		return ids;
	}

	@Override
	public void close() throws InterruptedException {
		this.process.close();
	}

}
