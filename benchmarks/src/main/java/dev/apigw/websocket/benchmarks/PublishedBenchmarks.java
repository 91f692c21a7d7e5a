package dev.apigw.websocket.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Every table of BENCHMARKS.md in one run: the template against the raw AWS SDK on
 * loopback (a stub management API and the emulator in child JVMs), interleaved rounds,
 * medians with ranges, CPU per message from process CPU time. Bounded in counts and by
 * {@code --time-limit}.
 * <p>
 * Flags: {@code --scenarios
 * overhead,broadcast,clients,throttled,gone,end-to-end,serverless-offline} (default all),
 * {@code --smoke} (tiny counts), {@code --time-limit 900s},
 * {@code --out target/BENCHMARKS-run.md}, {@code --serverless-offline DIR} (where
 * {@code npm install serverless@3 serverless-offline@13} was run; without it that
 * comparison is reported as not run).
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class PublishedBenchmarks {

	static final Map<String, Scenario> SCENARIOS = scenarios();

	private PublishedBenchmarks() {
	}

	/**
	 * Run the scenarios, print the Markdown and write it to {@code --out}.
	 * @param args flags, see the class description
	 * @throws Exception on failure, or when a scenario's counts do not add up
	 */
	public static void main(String[] args) throws Exception {
		boolean smoke = List.of(args).contains("--smoke");
		List<String> names = List.of(flag(args, "--scenarios", String.join(",", SCENARIOS.keySet())).split(","));
		Duration limit = Duration.ofSeconds(Long.parseLong(flag(args, "--time-limit", "900s").replace("s", "")));
		Path out = Path.of(flag(args, "--out", "target/BENCHMARKS-run.md"));
		String serverlessOffline = flag(args, "--serverless-offline", "");
		long start = System.nanoTime();
		if (out.getParent() != null) {
			Files.createDirectories(out.getParent());
		}
		String header = header(smoke ? "smoke" : "full", names);
		System.out.println(header);
		Files.writeString(out, header, StandardCharsets.UTF_8);
		// each table is printed and written as soon as it is measured, so that a run cut
		// short keeps what it has
		List<ScenarioReport> reports = run(smoke ? Scale.smoke() : Scale.full(), names, new Deadline(limit),
				serverlessOffline.isEmpty() ? null : Path.of(serverlessOffline), (report) -> {
					System.out.println(report.markdown());
					append(out, report.markdown() + "\n");
				});
		String footer = String.format(Locale.ROOT, "Run time: %.0f s.%n", (System.nanoTime() - start) / 1e9);
		System.out.println(footer);
		append(out, footer);
		List<String> problems = reports.stream().flatMap((report) -> report.problems().stream()).toList();
		if (!problems.isEmpty()) {
			throw new IllegalStateException("Problems found: " + problems);
		}
	}

	private static void append(Path out, String text) {
		try {
			Files.writeString(out, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Run the named scenarios in order against one stub process.
	 */
	static List<ScenarioReport> run(Scale scale, List<String> names, Deadline deadline,
			@Nullable Path serverlessOffline, Consumer<ScenarioReport> measured) throws Exception {
		List<Scenario> selected = new ArrayList<>();
		for (String name : names) {
			Scenario scenario = SCENARIOS.get(name.trim());
			if (scenario == null) {
				throw new IllegalArgumentException(
						"Unknown scenario '" + name + "' in --scenarios; known: " + SCENARIOS.keySet());
			}
			selected.add(scenario);
		}
		List<ScenarioReport> reports = new ArrayList<>();
		try (StubProcess stub = new StubProcess()) {
			Bench bench = new Bench(stub, scale, deadline, serverlessOffline);
			for (int i = 0; i < selected.size(); i++) {
				long start = System.nanoTime();
				System.err.printf("[benchmarks] %s ...%n", names.get(i).trim());
				ScenarioReport report;
				try {
					deadline.check("scenario '" + names.get(i).trim() + "'");
					report = selected.get(i).run(bench);
				}
				catch (TimeLimitException ex) {
					report = new ScenarioReport(
							"## Scenario '" + names.get(i).trim() + "'\n\nNot finished: " + ex.getMessage() + "\n",
							List.of("scenario '" + names.get(i).trim() + "' not finished: " + ex.getMessage()));
				}
				measured.accept(report);
				reports.add(report);
				System.err.printf("[benchmarks] %s done in %.0f s%n", names.get(i).trim(),
						(System.nanoTime() - start) / 1e9);
			}
		}
		return reports;
	}

	private static String header(String scale, List<String> names) {
		Runtime runtime = Runtime.getRuntime();
		return String.format(Locale.ROOT,
				"<!-- generated by PublishedBenchmarks (%s counts, scenarios %s) -->%n%n"
						+ "- Date: %s%n- Machine: %d cores available, %s %s, load average at start %.2f%n"
						+ "- JVM: %s %s (%s), max heap %,d MB, arguments %s%n%n",
				scale, String.join(",", names), Instant.now().truncatedTo(ChronoUnit.SECONDS),
				runtime.availableProcessors(), System.getProperty("os.name"), System.getProperty("os.version"),
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), System.getProperty("java.vm.name"),
				System.getProperty("java.version"), System.getProperty("java.vendor"), runtime.maxMemory() >> 20,
				ManagementFactory.getRuntimeMXBean().getInputArguments());
	}

	private static Map<String, Scenario> scenarios() {
		Map<String, Scenario> scenarios = new LinkedHashMap<>();
		scenarios.put("overhead", OverheadScenario::run);
		scenarios.put("broadcast", BroadcastScenario::run);
		scenarios.put("clients", ClientChoiceScenario::run);
		scenarios.put("throttled", ThrottledScenario::run);
		scenarios.put("gone", GoneHeavyScenario::run);
		scenarios.put("end-to-end", EndToEndScenario::run);
		scenarios.put("serverless-offline", ServerlessOfflineScenario::run);
		return scenarios;
	}

	private static String flag(String[] args, String name, String defaultValue) {
		for (int i = 0; i < args.length - 1; i++) {
			if (args[i].equals(name)) {
				return args[i + 1];
			}
		}
		return defaultValue;
	}

	/**
	 * One table of BENCHMARKS.md.
	 */
	@FunctionalInterface
	interface Scenario {

		ScenarioReport run(Bench bench) throws Exception;

	}

}
