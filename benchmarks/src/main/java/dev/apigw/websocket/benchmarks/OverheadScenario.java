package dev.apigw.websocket.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

import dev.apigw.websocket.WebSocketConnectionTemplate;

/**
 * Table 1: client CPU per message of the template against the raw SDK on the same
 * auto-configured client, blocking (apache5) and async (Netty), with and without a real
 * observation registry. The stub answers at once, so nothing but client work is timed.
 */
final class OverheadScenario {

	static final String TITLE = "1. Overhead: CPU per message, template vs raw SDK";

	private static final String ID = "overhead-1";

	private OverheadScenario() {
	}

	static ScenarioReport run(Bench bench) throws Exception {
		Scale scale = bench.scale();
		bench.stub().configure(Duration.ZERO, 0, 0);
		try (AutoConfiguredTemplate plain = AutoConfiguredTemplate.at(bench.stub().endpoint()).start();
				AutoConfiguredTemplate observed = AutoConfiguredTemplate.at(bench.stub().endpoint())
					.observed()
					.start()) {
			WebSocketConnectionTemplate template = plain.template();
			WebSocketConnectionTemplate observedTemplate = observed.template();
			Rounds sync = new Rounds()
				.path("raw",
						(figures) -> repeat(scale.syncCalls(),
								() -> plain.client().postToConnection((r) -> r.connectionId(ID).data(Bench.data()))))
				.path("template", (figures) -> repeat(scale.syncCalls(), () -> template.send(ID, Bench.PAYLOAD)))
				.path("observed",
						(figures) -> repeat(scale.syncCalls(), () -> observedTemplate.send(ID, Bench.PAYLOAD)));
			Rounds async = new Rounds()
				.path("raw", (figures) -> windowed(bench, scale.asyncCalls(),
						(i) -> plain.asyncClient().postToConnection((r) -> r.connectionId(ID).data(Bench.data()))))
				.path("template",
						(figures) -> windowed(bench, scale.asyncCalls(), (i) -> template.sendAsync(ID, Bench.PAYLOAD)))
				.path("observed", (figures) -> windowed(bench, scale.asyncCalls(),
						(i) -> observedTemplate.sendAsync(ID, Bench.PAYLOAD)));
			warmUp(sync, scale.syncCalls(), scale.warmUp(), bench);
			warmUp(async, scale.asyncCalls(), scale.warmUp(), bench);
			// interleaved: each round runs both tables' paths
			for (int round = 0; round < scale.overheadRounds(); round++) {
				sync.run(1, bench.deadline());
				async.run(1, bench.deadline());
			}
			List<String> problems = new ArrayList<>();
			long timed = observed.observedCalls();
			if (timed == 0) {
				problems.add("the observed template recorded no timer");
			}
			long posted = bench.stub().stats().accepted();
			MarkdownTable table = new MarkdownTable("path", "client", "CPU per message (µs)", "ratio to raw", "target",
					"messages/s");
			String syncClient = HttpClientNames.of(plain.client()) + " (sync)";
			String asyncClient = HttpClientNames.of(plain.asyncClient()) + " (async)";
			row(table, sync, "raw", "raw SDK `postToConnection`", syncClient, null);
			row(table, sync, "template", "template `send`", syncClient, 1.03);
			row(table, sync, "observed", "template `send`, observed", syncClient, 1.05);
			String window = scale.asyncWindow() + " in flight";
			row(table, async, "raw", "raw SDK async `postToConnection`, " + window, asyncClient, null);
			row(table, async, "template", "template `sendAsync`, " + window, asyncClient, 1.03);
			row(table, async, "observed", "template `sendAsync`, observed, " + window, asyncClient, 1.05);
			String markdown = "## " + TITLE + "\n\n" + String.format(Locale.ROOT,
					"%d interleaved rounds of %,d blocking and %,d async sends per path after %,d warm-up calls each; "
							+ "256-byte text to one id; the stub answers at once. Raw calls and the template use the same "
							+ "auto-configured SDK clients (the observed template its own, configured the same), whose "
							+ "HTTP clients are named as the SDK reports them. Timers recorded by the observed "
							+ "template: %,d. Posts the stub answered 200: %,d.%n%n",
					scale.overheadRounds(), scale.syncCalls(), scale.asyncCalls(), scale.warmUp(), timed, posted)
					+ table;
			return new ScenarioReport(markdown, problems);
		}
	}

	// whole rounds of every path until each has made the warm-up count of calls
	private static void warmUp(Rounds rounds, int callsPerRound, int calls, Bench bench) throws Exception {
		for (long done = 0; done < calls; done += callsPerRound) {
			rounds.run(1, bench.deadline());
		}
		rounds.clear();
	}

	private static void row(MarkdownTable table, Rounds rounds, String path, String label, String client,
			@Nullable Double target) {
		Rounds.Spread cpu = rounds.spread(path, Sample::cpuMicrosPerMessage);
		Rounds.Spread rate = rounds.spread(path, Sample::rate);
		if (target == null) {
			table.row(label, client, cpu.format(1), "1", "", rate.format(0));
			return;
		}
		Rounds.Spread ratio = rounds.ratio(path, "raw", Sample::cpuMicrosPerMessage);
		table.row(label, client, cpu.format(1), ratio.format(3), Targets.atMost(ratio.median(), target),
				rate.format(0));
	}

	private static long repeat(int calls, Runnable call) {
		for (int i = 0; i < calls; i++) {
			call.run();
		}
		return calls;
	}

	private static long windowed(Bench bench, int calls, IntFunction<CompletableFuture<?>> call)
			throws InterruptedException {
		Bench.Outcomes outcomes = bench.windowed(calls, bench.scale().asyncWindow(), call);
		if (outcomes.failed() > 0 || outcomes.gone() > 0) {
			throw new IllegalStateException(outcomes.failed() + " async send(s) failed in the overhead scenario");
		}
		return calls;
	}

}
