package dev.apigw.websocket;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/**
 * A stub {@code @connections} server on 127.0.0.1 and real SDK clients pointed at it,
 * shared by the tests of a class (closing the Netty client waits for its event loop's
 * quiet period) and reset before each test.
 */
final class ManagementApiExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

	private final ArrivalCounter arrivals = new ArrivalCounter();

	private final WireMockServer server = new WireMockServer(
			wireMockConfig().bindAddress("127.0.0.1").dynamicPort().containerThreads(64).extensions(this.arrivals));

	private final ExecutionInterceptor[] interceptors;

	private ManagementApiClients clients;

	ManagementApiExtension(ExecutionInterceptor... interceptors) {
		this.interceptors = interceptors;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.server.start();
		this.clients = clientsWithAttemptTimeout(Duration.ofSeconds(5));
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.clients.close();
		this.server.stop();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.server.resetAll();
		this.arrivals.reset();
		this.clients.goneEvents.clear();
	}

	WireMockServer server() {
		return this.server;
	}

	/**
	 * Count requests as they arrive, before any stubbed delay, unlike the server's
	 * journal, which records a request when it is answered.
	 */
	ArrivalCounter arrivals() {
		return this.arrivals;
	}

	ManagementApiClients clients() {
		return this.clients;
	}

	WebSocketConnectionTemplate.Builder templateBuilder() {
		return this.clients.templateBuilder();
	}

	/**
	 * Other clients for the same server; the caller closes them.
	 */
	ManagementApiClients clientsWithAttemptTimeout(Duration attemptTimeout) {
		return new ManagementApiClients(this.server.port(), attemptTimeout, this.interceptors);
	}

	/**
	 * Answer successive posts with the given responses, the last one from then on.
	 */
	void stubPostAnswers(ResponseDefinitionBuilder... answers) {
		for (int i = 0; i < answers.length; i++) {
			String state = (i == 0) ? Scenario.STARTED : "answer " + i;
			ScenarioMappingBuilder stub = post(anyUrl()).inScenario("answers")
				.whenScenarioStateIs(state)
				.willReturn(answers[i]);
			this.server.stubFor((i < answers.length - 1) ? stub.willSetStateTo("answer " + (i + 1)) : stub);
		}
	}

}
