package dev.apigw.websocket.benchmarks;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;

import dev.apigw.websocket.BroadcastResult;

/**
 * Table 3: a broadcast against a token bucket the client does not know, the template with
 * default settings (a fresh application each run, so nothing learnt carries over) against
 * the raw SDK with its default retries and HTTP client (Netty, pool of 50), driven with
 * the template's default window of 64 in flight.
 */
final class ThrottledScenario {

	static final String TITLE = "3. Throttled: a limit the client does not know";

	static final int RAW_IN_FLIGHT = 64;

	private ThrottledScenario() {
	}

	static ScenarioReport run(Bench bench) throws Exception {
		Scale scale = bench.scale();
		List<String> problems = new ArrayList<>();
		StringBuilder markdown = new StringBuilder("## " + TITLE + "\n\n");
		markdown.append(String.format(Locale.ROOT,
				"N ids (%,d at the first rate, as many as make the same N/R at the others), token bucket of burst %,d refilled at R per second (429 `LimitExceededException` "
						+ "when empty), %d interleaved rounds. Ideal time with the burst: (N − burst) / R. Time and CPU "
						+ "are from the first call to the last answer (a fresh application or client per run, started "
						+ "before). New connections: TCP connections the stub " + "accepted during the run.%n%n",
				scale.throttledMessages(), scale.throttledBurst(), scale.rounds()));
		for (int rate : scale.throttledRates()) {
			// N/R as at the first rate
			List<String> ids = Bench.ids((int) ((long) scale.throttledMessages() * rate / scale.throttledRates()[0]));
			double nOverR = (double) ids.size() / rate;
			Rounds rounds = new Rounds().path("template", (figures) -> template(bench, rate, ids, figures, problems))
				.path("raw", (figures) -> raw(bench, rate, ids, figures, problems));
			rounds.run(scale.rounds(), bench.deadline());
			MarkdownTable table = new MarkdownTable("path", "delivered", "time (s)", "time / (N/R)", "429s of requests",
					"new TCP connections", "CPU per message (µs)");
			for (String[] path : new String[][] { { "template", "template, defaults" },
					{ "raw", "raw SDK, default retries, Netty (pool 50), " + RAW_IN_FLIGHT + " in flight" } }) {
				Rounds.Spread delivered = rounds.spread(path[0], (s) -> s.figure("delivered %"));
				Rounds.Spread time = rounds.spread(path[0], (s) -> s.figure("seconds"));
				Rounds.Spread timeRatio = rounds.spread(path[0], (s) -> s.figure("seconds") / nOverR);
				Rounds.Spread throttled = rounds.spread(path[0], (s) -> s.figure("429 %"));
				boolean template = path[0].equals("template");
				table.row(path[1],
						delivered.format(2) + " %" + (template ? "; " + Targets.atLeast(delivered.median(), 100) : ""),
						time.format(2), timeRatio.format(2) + (template ? "; " + timeTarget(delivered, timeRatio) : ""),
						throttled.format(2) + " %" + (template ? "; " + Targets.atMost(throttled.median(), 2) : ""),
						rounds.spread(path[0], (s) -> s.figure("connections")).format(0),
						rounds.spread(path[0], (s) -> s.figure("cpu")).format(1));
			}
			markdown.append(String.format(Locale.ROOT, "### R = %,d/s, N = %,d (N/R = %.1f s, ideal %.1f s)%n%n", rate,
					ids.size(), nOverR, (ids.size() - Math.min(ids.size(), scale.throttledBurst())) / (double) rate))
				.append(table)
				.append('\n');
		}
		return new ScenarioReport(markdown.toString(), problems);
	}

	// finishing early by giving up is not meeting the time target
	private static String timeTarget(Rounds.Spread delivered, Rounds.Spread timeRatio) {
		if (delivered.min() < 100) {
			return "≤ 1.10: not comparable, not all delivered";
		}
		return Targets.atMost(timeRatio.median(), 1.1);
	}

	private static long template(Bench bench, int rate, List<String> ids, Map<String, Double> figures,
			List<String> problems) throws IOException {
		try (AutoConfiguredTemplate template = AutoConfiguredTemplate.at(bench.stub().endpoint()).start()) {
			bench.stub().configure(Duration.ZERO, rate, bench.scale().throttledBurst());
			long start = System.nanoTime();
			long cpuStart = Sample.processCpuNanos();
			BroadcastResult result = template.template().broadcast(ids, Bench.PAYLOAD);
			figures.put("seconds", (System.nanoTime() - start) / 1e9);
			figures.put("cpu", (Sample.processCpuNanos() - cpuStart) / 1e3 / ids.size());
			StubStats stats = bench.stub().stats();
			record(stats, ids.size(), figures);
			if (result.delivered().size() != stats.distinctDelivered()) {
				problems.add("the template reported " + result.delivered().size() + " delivered but the stub saw "
						+ stats.distinctDelivered());
			}
		}
		return ids.size();
	}

	private static long raw(Bench bench, int rate, List<String> ids, Map<String, Double> figures, List<String> problems)
			throws Exception {
		try (ApiGatewayManagementApiAsyncClient client = RawClients.netty(bench.stub().endpoint(), 0)) {
			bench.stub().configure(Duration.ZERO, rate, bench.scale().throttledBurst());
			long start = System.nanoTime();
			long cpuStart = Sample.processCpuNanos();
			Bench.Outcomes outcomes = bench.windowed(ids.size(), RAW_IN_FLIGHT,
					(i) -> client.postToConnection((r) -> r.connectionId(ids.get(i)).data(Bench.data())));
			figures.put("seconds", (System.nanoTime() - start) / 1e9);
			figures.put("cpu", (Sample.processCpuNanos() - cpuStart) / 1e3 / ids.size());
			StubStats stats = bench.stub().stats();
			record(stats, ids.size(), figures);
			if (outcomes.ok() != stats.distinctDelivered()) {
				problems.add("the raw SDK reported " + outcomes.ok() + " delivered but the stub saw "
						+ stats.distinctDelivered());
			}
		}
		return ids.size();
	}

	private static void record(StubStats stats, int messages, Map<String, Double> figures) {
		figures.put("delivered %", 100.0 * stats.distinctDelivered() / messages);
		figures.put("429 %", (stats.requests() > 0) ? 100.0 * stats.throttled() / stats.requests() : 0);
		figures.put("connections", (double) stats.newConnections());
	}

}
