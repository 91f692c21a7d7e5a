package dev.apigw.websocket;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;
import dev.apigw.websocket.registry.ConnectionLifecycle;
import dev.apigw.websocket.registry.InMemoryConnectionRegistry;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.EventListener;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A gone connection is pruned and its call answered by the management API alone, whatever
 * the application's gone listeners do: here one that throws, registered before the
 * others, which makes Spring skip the listeners after it.
 */
class GoneListenerTests {

	@RegisterExtension
	static final ManagementApiExtension api = new ManagementApiExtension();

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final PrintStream standardError = System.err;

	private final ByteArrayOutputStream log = new ByteArrayOutputStream();

	private AnnotationConfigApplicationContext context;

	private InMemoryConnectionRegistry registry;

	private WebSocketConnectionTemplate template;

	@BeforeEach
	void setUp() {
		// slf4j-simple writes to the current System.err
		System.setErr(new PrintStream(this.log, true, StandardCharsets.UTF_8));
		this.registry = new InMemoryConnectionRegistry();
		// registered past the lifecycle's grace period for connections still being
		// upgraded
		this.registry.setClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-1)));
		this.context = new AnnotationConfigApplicationContext();
		this.context.registerBean(ThrowingListener.class);
		this.context.registerBean(RecordingListener.class);
		this.context.refresh();
		this.template = api.templateBuilder()
			.eventPublisher(this.context)
			.connectionLifecycle(new ConnectionLifecycle(this.registry))
			.build();
		api.server().stubFor(any(anyUrl()).willReturn(ManagementApiStubs.error(410, "GoneException")));
	}

	@AfterEach
	void tearDown() {
		System.setErr(this.standardError);
		this.context.close();
	}

	@Test
	void blockingCallsAnswerGoneAndPrune() {
		register("g0", "g1", "g2", "kept");
		assertThatExceptionOfType(ConnectionGoneException.class).isThrownBy(() -> this.template.send("g0", "hi"))
			.satisfies((ex) -> assertThat(ex.connectionId()).isEqualTo("g0"));
		assertThat(this.template.getConnection("g1")).isEmpty();
		assertThat(this.template.disconnect("g2")).isFalse();
		assertThat(this.registry.connectionIds()).containsExactly("kept");
		assertThat(this.context.getBean(ThrowingListener.class).calls).containsExactly("g0", "g1", "g2");
	}

	@Test
	void nonBlockingCallsAnswerGoneAndPruneBeforeTheyComplete() {
		register("g3", "g4", "g5", "kept");
		assertThat(this.template.sendAsync("g3", "hi")).failsWithin(WAIT)
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(ConnectionGoneException.class);
		assertThat(this.registry.contains("g3")).isFalse();
		assertThat(this.template.getConnectionAsync("g4")).succeedsWithin(WAIT)
			.satisfies((info) -> assertThat(info).isEmpty());
		assertThat(this.registry.contains("g4")).isFalse();
		assertThat(this.template.disconnectAsync("g5")).succeedsWithin(WAIT).isEqualTo(false);
		assertThat(this.registry.connectionIds()).containsExactly("kept");
	}

	@Test
	void broadcastReportsGoneAndPrunes() {
		api.server()
			.stubFor(post(urlPathEqualTo(ManagementApiStubs.CONNECTIONS_PATH + "here"))
				.willReturn(ManagementApiStubs.ok()));
		register("g6", "g7", "here");
		BroadcastResult result = this.template.broadcast(List.of("g6", "here", "g7"), "news");
		assertThat(result.gone()).containsExactly("g6", "g7");
		assertThat(result.delivered()).containsExactly("here");
		assertThat(result.failed()).isEmpty();
		assertThat(this.registry.connectionIds()).containsExactly("here");
	}

	@Test
	void failingListenerIsLoggedOnceAtWarnWithItsName() {
		register("a", "b", "c");
		assertThat(this.template.disconnect("a")).isFalse();
		assertThat(this.template.disconnectAsync("b")).succeedsWithin(WAIT).isEqualTo(false);
		assertThat(this.template.broadcast(List.of("c"), "news").gone()).containsExactly("c");

		assertThat(this.context.getBean(ThrowingListener.class).calls).containsExactly("a", "b", "c");
		String log = this.log.toString(StandardCharsets.UTF_8);
		assertThat(log.lines().filter((line) -> line.contains("WARN") && line.contains("failed for connection")))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains(
					"Listener " + ThrowingListener.class.getName() + ".onGone of WebSocketConnectionGoneEvent",
					"connection 'a'", "listener failed"));
	}

	@Test
	void listenersRegisteredAfterTheFailingOneAreSkippedBySpring() {
		// documents why pruning cannot be left to a listener
		register("a");
		assertThat(this.template.disconnect("a")).isFalse();
		assertThat(this.context.getBean(RecordingListener.class).calls).isEmpty();
		assertThat(this.registry.contains("a")).isFalse();
	}

	private void register(String... connectionIds) {
		for (String connectionId : connectionIds) {
			this.registry.register(connectionId, Map.of());
		}
	}

	static class ThrowingListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@EventListener
		void onGone(WebSocketConnectionGoneEvent event) {
			this.calls.add(event.connectionId());
			throw new IllegalStateException("listener failed");
		}

	}

	static class RecordingListener {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@EventListener
		void onGone(WebSocketConnectionGoneEvent event) {
			this.calls.add(event.connectionId());
		}

	}

}
