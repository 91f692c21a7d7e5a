package dev.apigw.websocket.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;

import dev.apigw.websocket.BroadcastResult;
import dev.apigw.websocket.registry.ConnectionRegistry;

/**
 * Table 4: a broadcast where 30 % of the ids are gone (410). The template, with default
 * settings and every id in its in-memory registry, must fail no live id, report every
 * gone id once, publish one gone event per gone id and prune each from the registry; the
 * raw SDK (Netty, 256 in flight) alongside.
 */
final class GoneHeavyScenario {

	static final String TITLE = "4. Gone-heavy broadcast (30 % gone)";

	private GoneHeavyScenario() {
	}

	/**
	 * Ids of which every tenth from 0 to 2 is gone.
	 */
	static List<String> ids(int count) {
		List<String> ids = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ids.add(((i % 10 < 3) ? StubManagementApi.GONE_PREFIX : "c-") + i);
		}
		return ids;
	}

	static ScenarioReport run(Bench bench) throws Exception {
		Scale scale = bench.scale();
		List<String> ids = ids(scale.goneIds());
		Set<String> gone = new HashSet<>();
		ids.stream().filter((id) -> id.startsWith(StubManagementApi.GONE_PREFIX)).forEach(gone::add);
		List<String> problems = new ArrayList<>();
		Rounds rounds = new Rounds().path("template", (figures) -> template(bench, ids, gone, figures, problems))
			.path("raw", (figures) -> raw(bench, ids, gone, figures));
		rounds.run(scale.rounds(), bench.deadline());
		MarkdownTable table = new MarkdownTable("path", "unrelated failures", "gone ids reported",
				"gone events (one per gone id)", "pruned from the registry", "live ids treated as gone",
				"410s asked of the stub", "messages/s", "CPU per message (µs)");
		table.row("template, defaults", rounds.spread("template", (s) -> s.figure("failed")).format(0),
				rounds.spread("template", (s) -> s.figure("gone")).format(0),
				rounds.spread("template", (s) -> s.figure("events once")).format(0),
				rounds.spread("template", (s) -> s.figure("pruned")).format(0),
				rounds.spread("template", (s) -> s.figure("anomalies")).format(0),
				rounds.spread("template", (s) -> s.figure("410s")).format(0),
				rounds.spread("template", (s) -> s.figure("rate")).format(0),
				rounds.spread("template", (s) -> s.figure("cpu")).format(1));
		table.row("raw SDK, Netty, " + BroadcastScenario.TUNED_IN_FLIGHT + " in flight",
				rounds.spread("raw", (s) -> s.figure("failed")).format(0),
				rounds.spread("raw", (s) -> s.figure("gone")).format(0), "–", "–", "–",
				rounds.spread("raw", (s) -> s.figure("410s")).format(0),
				rounds.spread("raw", (s) -> s.figure("rate")).format(0),
				rounds.spread("raw", (s) -> s.figure("cpu")).format(1));
		String markdown = "## " + TITLE + "\n\n" + String.format(Locale.ROOT,
				"%,d ids, %,d of them gone, %d interleaved rounds, loopback without added latency. A fresh "
						+ "application per run with every id registered (in memory) and "
						+ "`apigw.websocket.prune-grace-period=0s` (the ids were registered just before). "
						+ "Targets: 0 unrelated failures; all %,d gone ids reported, evented and pruned once.%n%n",
				ids.size(), gone.size(), scale.rounds(), gone.size()) + table;
		return new ScenarioReport(markdown, problems);
	}

	private static long template(Bench bench, List<String> ids, Set<String> gone, Map<String, Double> figures,
			List<String> problems) throws Exception {
		try (AutoConfiguredTemplate template = AutoConfiguredTemplate.at(bench.stub().endpoint())
			.property("apigw.websocket.prune-grace-period", "0s")
			.start()) {
			ConnectionRegistry registry = template.registry();
			ids.forEach((id) -> registry.register(id, Map.of()));
			bench.stub().configure(Duration.ZERO, 0, 0);
			long start = System.nanoTime();
			long cpuStart = Sample.processCpuNanos();
			BroadcastResult result = template.template().broadcast(ids, Bench.PAYLOAD);
			double seconds = (System.nanoTime() - start) / 1e9;
			figures.put("cpu", (Sample.processCpuNanos() - cpuStart) / 1e3 / ids.size());
			figures.put("rate", ids.size() / seconds);
			figures.put("failed", (double) result.failed().size());
			figures.put("gone", (double) result.gone().stream().filter(gone::contains).count());
			Map<String, AtomicInteger> events = template.goneEvents();
			try {
				Polling.await(() -> events.size() >= gone.size(), System.nanoTime() + Duration.ofSeconds(5).toNanos());
			}
			catch (IllegalStateException ex) {
				// the shortfall shows in the figures
			}
			figures.put("events once",
					(double) gone.stream().filter((id) -> events.containsKey(id) && events.get(id).get() == 1).count());
			figures.put("pruned", (double) gone.stream().filter((id) -> !registry.contains(id)).count());
			// live ids reported, evented or pruned as gone, and gone ids evented twice
			long anomalies = result.gone().stream().filter((id) -> !gone.contains(id)).count()
					+ events.keySet().stream().filter((id) -> !gone.contains(id)).count()
					+ events.values().stream().filter((count) -> count.get() > 1).count()
					+ ids.stream().filter((id) -> !gone.contains(id) && !registry.contains(id)).count();
			figures.put("anomalies", (double) anomalies);
			requireCorrect(figures, gone.size(), problems);
			StubStats stats = bench.stub().stats();
			figures.put("410s", (double) stats.goneAnswers());
			if (result.delivered().size() != stats.distinctDelivered()) {
				problems.add("the template reported " + result.delivered().size() + " delivered but the stub saw "
						+ stats.distinctDelivered());
			}
		}
		return ids.size();
	}

	// the template's behaviour here is correctness, not speed: a miss fails the run
	private static void requireCorrect(Map<String, Double> figures, int gone, List<String> problems) {
		if (figures.get("failed") != 0 || figures.get("anomalies") != 0) {
			problems.add("gone-heavy: " + figures.get("failed") + " unrelated failure(s), " + figures.get("anomalies")
					+ " live id(s) treated as gone or gone id(s) evented twice");
		}
		for (String figure : List.of("gone", "events once", "pruned")) {
			if (figures.get(figure) != gone) {
				problems.add("gone-heavy: '" + figure + "' is " + figures.get(figure) + " of " + gone + " gone ids");
			}
		}
	}

	private static long raw(Bench bench, List<String> ids, Set<String> gone, Map<String, Double> figures)
			throws Exception {
		try (ApiGatewayManagementApiAsyncClient client = RawClients.netty(bench.stub().endpoint(),
				BroadcastScenario.TUNED_IN_FLIGHT)) {
			bench.stub().configure(Duration.ZERO, 0, 0);
			long start = System.nanoTime();
			long cpuStart = Sample.processCpuNanos();
			Bench.Outcomes outcomes = bench.windowed(ids.size(), BroadcastScenario.TUNED_IN_FLIGHT,
					(i) -> client.postToConnection((r) -> r.connectionId(ids.get(i)).data(Bench.data())));
			double seconds = (System.nanoTime() - start) / 1e9;
			figures.put("cpu", (Sample.processCpuNanos() - cpuStart) / 1e3 / ids.size());
			figures.put("rate", ids.size() / seconds);
			figures.put("failed", (double) outcomes.failed());
			figures.put("gone", (double) outcomes.gone());
			figures.put("410s", (double) bench.stub().stats().goneAnswers());
		}
		return ids.size();
	}

}
