package dev.apigw.websocket.emulator;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the emulator from the command line until the process is stopped (SIGTERM or
 * Ctrl-C). Run with {@code --help} for the flags.
 *
 * @since 0.1.0
 */
public final class EmulatorMain {

	private EmulatorMain() {
	}

	/**
	 * Start the emulator, print its URLs and wait until the JVM shuts down.
	 * @param args command line flags, see {@code --help}
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static void main(String[] args) throws InterruptedException {
		PrintStream out = System.out;
		WebSocketApiEmulator.Builder builder;
		try {
			builder = EmulatorCommandLine.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println();
			System.err.println(EmulatorCommandLine.USAGE);
			System.exit(2);
			return;
		}
		if (builder == null) {
			out.println(EmulatorCommandLine.USAGE);
			return;
		}
		WebSocketApiEmulator emulator;
		try {
			emulator = builder.start();
		}
		catch (IllegalStateException ex) {
			System.err.println(ex.getMessage());
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			emulator.close();
			out.println("API Gateway WebSocket emulator stopped");
			stopped.countDown();
		}, "apigw-emulator-shutdown"));
		out.println("API Gateway WebSocket emulator started");
		out.println("  WebSocket clients: " + emulator.webSocketUri());
		out.println("  Management API:    " + emulator.managementEndpoint()
				+ "  (AWS SDK endpointOverride, or aws apigatewaymanagementapi --endpoint-url)");
		emulator.routes().forEach((key, integration) -> out.println("  Route " + key + " -> " + integration));
		out.flush();
		stopped.await();
	}

}
