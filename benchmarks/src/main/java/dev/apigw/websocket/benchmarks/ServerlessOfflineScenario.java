package dev.apigw.websocket.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * Table 5b: the end-to-end workload of {@link EndToEndScenario} (raw SDK posts from
 * several threads, post-to-receive latency) against serverless-offline, when its npm
 * packages are given with {@code --serverless-offline}.
 */
final class ServerlessOfflineScenario {

	static final String TITLE = "5b. The same workload on serverless-offline";

	/**
	 * Each connection costs serverless-offline a {@code $connect} Lambda invocation and
	 * one more to learn its id.
	 */
	private static final int MAX_CONNECTIONS = 1_000;

	private static final Duration IDENTIFY_LIMIT = Duration.ofSeconds(60);

	private ServerlessOfflineScenario() {
	}

	static ScenarioReport run(Bench bench) throws Exception {
		Path packages = bench.serverlessOffline();
		if (packages == null) {
			return new ScenarioReport("## " + TITLE + "\n\nNot run: pass `--serverless-offline DIR`, a directory "
					+ "where `npm install serverless@3 serverless-offline@13` was run.\n", List.of());
		}
		Scale scale = bench.scale();
		int connections = Math.min(scale.connections(), MAX_CONNECTIONS);
		List<String> problems = new ArrayList<>();
		LatencyRecorder latencies = new LatencyRecorder(scale.posts());
		try (ServerlessOfflineProcess offline = new ServerlessOfflineProcess(packages);
				LoadClients clients = new LoadClients(latencies);
				ApiGatewayManagementApiClient raw = RawClients.apache5(offline.managementEndpoint())) {
			int opened = clients.open(offline.webSocketUri(), connections, bench.deadline().nanos());
			List<String> ids = clients
				.identify(Math.min(bench.deadline().nanos(), System.nanoTime() + IDENTIFY_LIMIT.toNanos()));
			// a few slow answers do not matter to the posts, a server that lost most does
			if (ids.size() < connections / 2) {
				problems.add("serverless-offline: " + opened + " of " + connections + " connections opened, "
						+ ids.size() + " identified");
			}
			Rounds rounds = new Rounds().path("raw", (figures) -> EndToEndScenario.posts(bench, offline::cpuTime,
					latencies, ids, figures,
					(id, text) -> raw.postToConnection((r) -> r.connectionId(id).data(SdkBytes.fromUtf8String(text)))));
			rounds.run(1, bench.deadline());
			rounds.clear();
			rounds.run(scale.rounds(), bench.deadline());
			MarkdownTable table = new MarkdownTable("path", "delivered / sent", "delivered posts/s", "latency p50 (µs)",
					"latency p99 (µs)", "server CPU per post (µs)", "client CPU per post (µs)");
			table.row("raw SDK (apache5) on serverless-offline",
					rounds.spread("raw", (s) -> s.figure("delivered")).format(0) + " / "
							+ rounds.spread("raw", (s) -> s.figure("sent")).format(0),
					rounds.spread("raw", (s) -> s.figure("rate")).format(0),
					rounds.spread("raw", (s) -> s.figure("p50")).format(0),
					rounds.spread("raw", (s) -> s.figure("p99")).format(0),
					rounds.spread("raw", (s) -> s.figure("emulator cpu")).format(1),
					rounds.spread("raw", Sample::cpuMicrosPerMessage).format(1));
			String markdown = "## " + TITLE + "\n\n" + String.format(Locale.ROOT,
					"serverless 3 with serverless-offline 13 on Node %s, in a child process with `--useInProcess "
							+ "--noTimeout`; %,d WebSocket connections opened (each costs it a Lambda invocation, so "
							+ "fewer than on the emulator), %,d of them told their id within %d s; the posts of "
							+ "table 5 to those (%d rounds of %,d from %d threads). Server CPU is the Node "
							+ "process's.%n%n",
					nodeVersion(), opened, ids.size(), IDENTIFY_LIMIT.toSeconds(), scale.rounds(), scale.posts(),
					scale.postThreads()) + table;
			return new ScenarioReport(markdown, problems);
		}
	}

	private static String nodeVersion() {
		try {
			Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
			String version = new String(node.getInputStream().readAllBytes()).trim();
			node.waitFor();
			return version;
		}
		catch (Exception ex) {
			return "unknown";
		}
	}

}
