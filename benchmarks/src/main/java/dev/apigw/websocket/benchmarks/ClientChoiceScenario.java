package dev.apigw.websocket.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * Table 2b, the blocking half of the client choice: CPU per blocking send of the template
 * on apache5 and on url-connection, each against the raw SDK on the same HTTP client (the
 * async half, Netty against CRT, is in the broadcast tables).
 */
final class ClientChoiceScenario {

	static final String TITLE = "2b. Client choice: blocking sends, Apache 4, apache5 and url-connection";

	private static final String ID = "client-choice-1";

	private ClientChoiceScenario() {
	}

	static ScenarioReport run(Bench bench) throws Exception {
		Scale scale = bench.scale();
		bench.stub().configure(Duration.ZERO, 0, 0);
		try (AutoConfiguredTemplate defaults = AutoConfiguredTemplate.at(bench.stub().endpoint()).start();
				ApiGatewayManagementApiClient rawApache = RawClients.apache(bench.stub().endpoint());
				AutoConfiguredTemplate apache5 = AutoConfiguredTemplate.at(bench.stub().endpoint())
					.syncHttpClient((builder) -> builder.httpClientBuilder(Apache5HttpClient.builder()))
					.start();
				AutoConfiguredTemplate urlConnection = AutoConfiguredTemplate.at(bench.stub().endpoint())
					.syncHttpClient((builder) -> builder.httpClientBuilder(UrlConnectionHttpClient.builder()))
					.start();
				ApiGatewayManagementApiClient rawApache5 = RawClients.apache5(bench.stub().endpoint());
				ApiGatewayManagementApiClient rawUrlConnection = RawClients.urlConnection(bench.stub().endpoint())) {
			String defaultClient = HttpClientNames.of(defaults.client());
			Rounds rounds = new Rounds()
				.path("raw-apache", (figures) -> repeat(scale.syncCalls(), () -> post(rawApache)))
				.path("template-default",
						(figures) -> repeat(scale.syncCalls(), () -> defaults.template().send(ID, Bench.PAYLOAD)))
				.path("raw-apache5", (figures) -> repeat(scale.syncCalls(), () -> post(rawApache5)))
				.path("raw-url", (figures) -> repeat(scale.syncCalls(), () -> post(rawUrlConnection)))
				.path("template-apache5",
						(figures) -> repeat(scale.syncCalls(), () -> apache5.template().send(ID, Bench.PAYLOAD)))
				.path("template-url",
						(figures) -> repeat(scale.syncCalls(), () -> urlConnection.template().send(ID, Bench.PAYLOAD)));
			// one round to warm up: the template's code is warm from the overhead
			// scenario
			rounds.run(1, bench.deadline());
			rounds.clear();
			rounds.run(scale.rounds(), bench.deadline());
			MarkdownTable table = new MarkdownTable("path", "CPU per message (µs)", "ratio to raw apache5",
					"ratio to raw on the same client", "messages/s");
			for (String[] path : List.of(
					new String[] { "raw-apache", "raw SDK, Apache 4 (`apache-client`)", "raw-apache" },
					new String[] { "template-default",
							"template `send`, auto-configured sync client as is (" + defaultClient + ")",
							defaultClient.equals("Apache") ? "raw-apache" : "raw-apache5" },
					new String[] { "raw-apache5", "raw SDK, apache5", "raw-apache5" },
					new String[] { "raw-url", "raw SDK, url-connection", "raw-url" },
					new String[] { "template-apache5", "template `send`, apache5", "raw-apache5" },
					new String[] { "template-url", "template `send`, url-connection", "raw-url" })) {
				table.row(path[1], rounds.spread(path[0], Sample::cpuMicrosPerMessage).format(1),
						rounds.ratio(path[0], "raw-apache5", Sample::cpuMicrosPerMessage).format(3),
						rounds.ratio(path[0], path[2], Sample::cpuMicrosPerMessage).format(3),
						rounds.spread(path[0], Sample::rate).format(0));
			}
			String markdown = "## " + TITLE + "\n\n"
					+ String.format(Locale.ROOT,
							"%d interleaved rounds of %,d blocking sends per path, one caller thread, back to back; "
									+ "the stub answers at once.%n%n",
							scale.rounds(), scale.syncCalls())
					+ table;
			return new ScenarioReport(markdown, List.of());
		}
	}

	private static void post(ApiGatewayManagementApiClient client) {
		client.postToConnection((r) -> r.connectionId(ID).data(Bench.data()));
	}

	private static long repeat(int calls, Runnable call) {
		for (int i = 0; i < calls; i++) {
			call.run();
		}
		return calls;
	}

}
