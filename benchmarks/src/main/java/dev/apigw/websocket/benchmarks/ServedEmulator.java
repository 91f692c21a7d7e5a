package dev.apigw.websocket.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.apigw.websocket.emulator.EmulatedConnection;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;

/**
 * The emulator alone in its own JVM, so its heap can be measured without the load
 * clients, and controlled through standard input: {@code heap}, {@code count},
 * {@code ids}, {@code exit}.
 */
public final class ServedEmulator {

	private ServedEmulator() {
	}

	/**
	 * Serve until {@code exit} or end of input.
	 * @param args unused
	 * @throws Exception on I/O failure
	 */
	public static void main(String[] args) throws Exception {
		PrintStream out = System.out;
		try (WebSocketApiEmulator emulator = builder().start()) {
			out.println("PORT " + emulator.port());
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			for (String command = in.readLine(); command != null && !command.equals("exit"); command = in.readLine()) {
				switch (command) {
					case "heap" -> out.println("HEAP " + usedHeapAfterGc());
					case "count" -> out.println("COUNT " + emulator.connections().size());
					case "ids" -> {
						var connections = emulator.connections();
						out.println("IDS " + connections.size());
						connections.stream().map(EmulatedConnection::id).forEach(out::println);
					}
					default -> out.println("ERROR unknown command " + command);
				}
				out.flush();
			}
		}
	}

	/**
	 * The emulator as every benchmark runs it: no throttling and no message history,
	 * which would measure the limit and the history instead of the emulator, and no idle
	 * timeout within a run.
	 */
	static WebSocketApiEmulator.Builder builder() {
		return WebSocketApiEmulator.builder().throttlingDisabled().messageHistory(0).idleTimeout(Duration.ofHours(1));
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 3; i++) {
			memory.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
