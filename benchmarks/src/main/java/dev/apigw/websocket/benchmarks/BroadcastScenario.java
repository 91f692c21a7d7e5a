package dev.apigw.websocket.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import software.amazon.awssdk.http.crt.AwsCrtAsyncHttpClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import dev.apigw.websocket.BroadcastOptions;
import dev.apigw.websocket.BroadcastResult;

/**
 * Table 2: a broadcast to many ids at injected latencies, the template with default
 * settings (auto-configured, Netty) and on the CRT client, against the sequential raw
 * loop (sampled) and the best hand-tuned raw async configuration (Netty or CRT, 256 in
 * flight).
 */
final class BroadcastScenario {

	static final String TITLE = "2. Broadcast with default settings";

	static final int TUNED_IN_FLIGHT = 256;

	private static final List<String> TUNED = List.of("raw-netty", "raw-crt");

	private BroadcastScenario() {
	}

	static ScenarioReport run(Bench bench) throws Exception {
		Scale scale = bench.scale();
		List<String> ids = Bench.ids(scale.broadcastIds());
		List<String> problems = new ArrayList<>();
		StringBuilder markdown = new StringBuilder("## " + TITLE + "\n\n");
		markdown.append(String.format(Locale.ROOT,
				"%,d ids, 256-byte text, %d interleaved rounds per latency; the stub delays every answer by the "
						+ "injected latency. Template: auto-configured defaults (Netty), and the same with the CRT "
						+ "client (pool of %d, as the auto-configuration sizes Netty's). Best tuned raw: per round "
						+ "the faster of Netty and CRT with %d in flight (pool %d). The sequential loop (sync, "
						+ "apache5) is sampled for %s per run. CPU is this JVM's (client only).%n%n",
				ids.size(), scale.rounds(), crtPool(), TUNED_IN_FLIGHT, TUNED_IN_FLIGHT,
				scale.sequentialTime().toMillis() + " ms"));
		try (AutoConfiguredTemplate netty = AutoConfiguredTemplate.at(bench.stub().endpoint()).start();
				AutoConfiguredTemplate crt = AutoConfiguredTemplate.at(bench.stub().endpoint())
					.asyncHttpClient((builder) -> builder
						.httpClientBuilder(AwsCrtAsyncHttpClient.builder().maxConcurrency(crtPool())))
					.start();
				ApiGatewayManagementApiAsyncClient rawNetty = RawClients.netty(bench.stub().endpoint(),
						TUNED_IN_FLIGHT);
				ApiGatewayManagementApiAsyncClient rawCrt = RawClients.crt(bench.stub().endpoint(), TUNED_IN_FLIGHT);
				ApiGatewayManagementApiClient sequential = RawClients.apache5(bench.stub().endpoint())) {
			boolean warm = false;
			for (int latency : scale.latenciesMillis()) {
				bench.stub().configure(Duration.ofMillis(latency), 0, 0);
				Rounds rounds = new Rounds().path("template", (figures) -> template(netty, ids, figures, problems))
					.path("template-crt", (figures) -> template(crt, ids, figures, problems))
					.path("raw-netty", (figures) -> tuned(bench, rawNetty, ids, figures, problems))
					.path("raw-crt", (figures) -> tuned(bench, rawCrt, ids, figures, problems))
					.path("raw-sequential", (figures) -> sequential(bench, sequential, ids, figures, problems));
				if (!warm) {
					rounds.run(1, bench.deadline());
					rounds.clear();
					warm = true;
				}
				rounds.run(scale.rounds(), bench.deadline());
				markdown.append("### Injected latency ")
					.append(latency)
					.append(" ms\n\n")
					.append(table(rounds, latency))
					.append('\n');
			}
		}
		return new ScenarioReport(markdown.toString(), problems);
	}

	/**
	 * The CRT pool, sized as the auto-configuration sizes Netty's.
	 */
	static int crtPool() {
		return Math.max(50, BroadcastOptions.defaults().maxConcurrency());
	}

	private static MarkdownTable table(Rounds rounds, int latency) {
		double[] best = rounds.bestPerRound(TUNED, Sample::rate);
		double[] sequential = rounds.samples("raw-sequential").stream().mapToDouble(Sample::rate).toArray();
		MarkdownTable table = new MarkdownTable("path", "messages/s", "ratio to best tuned raw",
				"ratio to sequential loop", "CPU per message (µs)", "delivered");
		for (String[] path : new String[][] { { "template", "template, defaults (Netty)" },
				{ "template-crt", "template, defaults but CRT client" },
				{ "raw-netty", "raw Netty, " + TUNED_IN_FLIGHT + " in flight" },
				{ "raw-crt", "raw CRT, " + TUNED_IN_FLIGHT + " in flight" },
				{ "raw-sequential", "raw sequential loop (apache5)" } }) {
			Rounds.Spread toBest = rounds.ratio(path[0], best, Sample::rate);
			Rounds.Spread toSequential = rounds.ratio(path[0], sequential, Sample::rate);
			String bestCell = toBest.format(2);
			String sequentialCell = toSequential.format(0);
			if (path[0].equals("template")) {
				bestCell += "; " + Targets.atLeast(toBest.median(), 0.9);
				if (latency == 20) {
					sequentialCell += "; " + Targets.atLeast(toSequential.median(), 100);
				}
			}
			table.row(path[1], rounds.spread(path[0], Sample::rate).format(0), bestCell, sequentialCell,
					rounds.spread(path[0], Sample::cpuMicrosPerMessage).format(1),
					rounds.spread(path[0], (sample) -> sample.figure("delivered %")).format(1) + " %");
		}
		return table;
	}

	private static long template(AutoConfiguredTemplate template, List<String> ids, Map<String, Double> figures,
			List<String> problems) {
		BroadcastResult result = template.template().broadcast(ids, Bench.PAYLOAD);
		figures.put("delivered %", 100.0 * result.delivered().size() / ids.size());
		if (result.total() != ids.size()) {
			problems.add("a broadcast result counts " + result.total() + " ids, not " + ids.size());
		}
		return ids.size();
	}

	private static long tuned(Bench bench, ApiGatewayManagementApiAsyncClient client, List<String> ids,
			Map<String, Double> figures, List<String> problems) throws InterruptedException {
		Bench.Outcomes outcomes = bench.windowed(ids.size(), TUNED_IN_FLIGHT,
				(i) -> client.postToConnection((r) -> r.connectionId(ids.get(i)).data(Bench.data())));
		figures.put("delivered %", 100.0 * outcomes.ok() / ids.size());
		if (outcomes.ok() + outcomes.gone() + outcomes.failed() != ids.size()) {
			problems.add("raw outcomes do not add up to " + ids.size());
		}
		return ids.size();
	}

	// as many ids as fit in the sampling time, one blocking call after another
	private static long sequential(Bench bench, ApiGatewayManagementApiClient client, List<String> ids,
			Map<String, Double> figures, List<String> problems) {
		long end = System.nanoTime() + bench.scale().sequentialTime().toNanos();
		int done = 0;
		int ok = 0;
		while (done < ids.size() && (done == 0 || System.nanoTime() < end)) {
			String id = ids.get(done++);
			try {
				client.postToConnection((r) -> r.connectionId(id).data(Bench.data()));
				ok++;
			}
			catch (RuntimeException ex) {
				problems.add("the sequential loop failed on " + id + ": " + ex);
			}
		}
		figures.put("delivered %", 100.0 * ok / done);
		return done;
	}

}
