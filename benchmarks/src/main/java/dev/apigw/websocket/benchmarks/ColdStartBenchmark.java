package dev.apigw.websocket.benchmarks;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Cold start of a WebSocket function: the time from JVM start to the first handled
 * {@code $connect} event, through Spring Cloud Function's {@link FunctionInvoker} as the
 * Lambda Java runtime calls it, in fresh JVMs limited to 2 processors. Compares the same
 * function application without our auto-configurations ({@code baseline}), with them and
 * no endpoint ({@code starter}: replies go to the API of each event, no SDK client is
 * built before the first reply) and with a configured endpoint ({@code starter-endpoint}:
 * the template and both SDK clients are built at startup). Prints the median of each.
 * <p>
 * {@code java -cp ... dev.apigw.websocket.benchmarks.ColdStartBenchmark [runs]} (5 runs
 * unless given). A child JVM runs one start with {@code --child <mode>}.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class ColdStartBenchmark {

	private static final String CONNECT_EVENT = "{\"headers\":{\"Host\":\"abcdef1234.execute-api.eu-west-1.amazonaws.com\"},"
			+ "\"requestContext\":{\"routeKey\":\"$connect\",\"eventType\":\"CONNECT\",\"stage\":\"prod\","
			+ "\"connectedAt\":1552988358417,\"requestTimeEpoch\":1552988358425,\"identity\":{\"sourceIp\":\"203.0.113.7\"},"
			+ "\"domainName\":\"abcdef1234.execute-api.eu-west-1.amazonaws.com\",\"connectionId\":\"Cold=\","
			+ "\"apiId\":\"abcdef1234\"},\"isBase64Encoded\":false}";

	private static final List<String> MODES = List.of("baseline", "starter", "starter-endpoint");

	private static final long CHILD_TIMEOUT_SECONDS = 120;

	private ColdStartBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 2 && args[0].equals("--child")) {
			child(args[1]);
			return;
		}
		int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		if (runs < 1 || runs > 50) {
			throw new IllegalArgumentException("runs must be from 1 to 50, was " + runs);
		}
		Map<String, List<Long>> wall = new LinkedHashMap<>();
		Map<String, List<Long>> cpu = new LinkedHashMap<>();
		MODES.forEach((mode) -> {
			wall.put(mode, new ArrayList<>());
			cpu.put(mode, new ArrayList<>());
		});
		// interleaved, so that a change of load on the machine touches every mode alike
		for (int run = 0; run < runs; run++) {
			for (String mode : MODES) {
				long[] result = runChild(mode);
				wall.get(mode).add(result[0]);
				cpu.get(mode).add(result[1]);
			}
		}
		System.out.println("Cold start to the first handled $connect, median of " + runs
				+ " fresh JVMs (-XX:ActiveProcessorCount=2); CPU time is the process's, all threads:");
		print("wall", wall);
		print("CPU", cpu);
	}

	private static void print(String what, Map<String, List<Long>> results) {
		long baseline = median(results.get("baseline"));
		results.forEach((mode, times) -> System.out.printf("  %-4s %-17s %6d ms  (runs: %s)%s%n", what, mode,
				median(times), times, mode.equals("baseline") ? "" : "  ours: " + (median(times) - baseline) + " ms"));
	}

	private static long[] runChild(String mode) throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-XX:ActiveProcessorCount=2", "-cp",
				System.getProperty("java.class.path"), ColdStartBenchmark.class.getName(), "--child", mode)
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		String result = null;
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = out.readLine()) != null) {
				if (line.startsWith("COLD_START_MS ")) {
					result = line.substring("COLD_START_MS ".length()).trim();
				}
			}
		}
		if (!process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IllegalStateException(
					"The " + mode + " child did not end within " + CHILD_TIMEOUT_SECONDS + " s");
		}
		if (result == null) {
			throw new IllegalStateException(
					"The " + mode + " child printed no result (exit " + process.exitValue() + ")");
		}
		String[] parts = result.split(" ");
		return new long[] { Long.parseLong(parts[0]), Long.parseLong(parts[1]) };
	}

	private static void child(String mode) throws IOException {
		System.setProperty("MAIN_CLASS", mode.equals("baseline") ? ColdStartFunctions.Baseline.class.getName()
				: ColdStartFunctions.WithStarter.class.getName());
		System.setProperty("spring.cloud.function.definition", ColdStartFunctions.FUNCTION);
		System.setProperty("spring.cloud.aws.region.static", "eu-west-1");
		System.setProperty("spring.cloud.aws.credentials.access-key", "AKIDEXAMPLE");
		System.setProperty("spring.cloud.aws.credentials.secret-key", "secret-example");
		System.setProperty("spring.main.banner-mode", "off");
		System.setProperty("logging.level.root", "warn");
		System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
		// what Lambda sets in every function
		System.setProperty("AWS_LAMBDA_FUNCTION_NAME", "cold-start");
		if (mode.equals("starter-endpoint")) {
			System.setProperty("apigw.websocket.endpoint",
					"https://abcdef1234.execute-api.eu-west-1.amazonaws.com/prod");
		}
		FunctionInvoker invoker = new FunctionInvoker();
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		invoker.handleRequest(new ByteArrayInputStream(CONNECT_EVENT.getBytes(StandardCharsets.UTF_8)), output, null);
		long elapsed = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
		String response = output.toString(StandardCharsets.UTF_8);
		if (!response.contains("\"statusCode\":200")) {
			throw new IllegalStateException("The function did not answer 200: " + response);
		}
		long cpuMillis = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime() / 1_000_000;
		System.out.println("COLD_START_MS " + elapsed + " " + cpuMillis);
		System.exit(0);
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

}
