package dev.apigw.websocket.inbound;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.EventListener;

import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketConnectRejectedException;
import dev.apigw.websocket.event.WebSocketMessageEvent;
import dev.apigw.websocket.registry.ConnectionLifecycle;
import dev.apigw.websocket.registry.ConnectionRegistrar;
import dev.apigw.websocket.registry.ConnectionRegistration;
import dev.apigw.websocket.registry.InMemoryConnectionRegistry;
import dev.apigw.websocket.registry.RegisteredConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Registrations described by the listeners of a real application context through a
 * {@link ConnectionRegistrar}, applied by the {@link InboundEventPublisher}'s lifecycle.
 */
class ConnectionRegistrarTests {

	private static final Instant TIME = Instant.parse("2026-01-01T10:00:00Z");

	private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();

	private final ConnectionLifecycle lifecycle = new ConnectionLifecycle(this.registry);

	private final ConnectionRegistrar registrar = new ConnectionRegistrar(this.lifecycle);

	private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();

	private InboundEventPublisher publisher;

	private Listeners listeners;

	@BeforeEach
	void start() {
		this.context.registerBean(Listeners.class);
		this.context.refresh();
		this.listeners = this.context.getBean(Listeners.class);
		this.listeners.registrar = this.registrar;
		this.listeners.registry = this.registry;
		this.publisher = new InboundEventPublisher(this.context, this.lifecycle);
	}

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void connectListenersDescribeTheRegistrationAppliedOnceTheyAccepted() {
		this.listeners.onConnect = (event) -> {
			this.registrar.connecting(event).userId("ada").attribute("plan", "pro").join("lobby");
			assertThat(this.registrar.join(event.connectionId(), "news")).isTrue();
			assertThat(this.registrar.join(event.connectionId(), "sport")).isTrue();
			assertThat(this.registrar.leave(event.connectionId(), "sport")).isTrue();
		};

		this.publisher.connect(connect("a"));

		assertThat(this.listeners.seenDuringConnect).containsExactly("registered=false, lobby=[]");
		RegisteredConnection connection = this.registry.find("a").orElseThrow();
		assertThat(connection.userId()).isEqualTo("ada");
		assertThat(connection.attributes()).isEqualTo(Map.of("plan", "pro"));
		assertThat(this.registry.groups("a")).containsExactlyInAnyOrder("lobby", "news");
		assertThat(this.registry.groupMembers("lobby")).containsExactly("a");
		assertThat(this.registry.userConnections("ada")).containsExactly("a");
		assertThat(this.lifecycle.registration("a")).isEmpty();
	}

	@Test
	void refusedConnectStoresNothingOfTheDescribedRegistration() {
		this.listeners.onConnect = (event) -> {
			this.registrar.connecting(event).userId("ada").join("lobby");
			throw new WebSocketConnectRejectedException(401, "no token");
		};

		assertThatExceptionOfType(WebSocketConnectRejectedException.class)
			.isThrownBy(() -> this.publisher.connect(connect("a")));

		assertThat(this.registry.contains("a")).isFalse();
		assertThat(this.registry.groupMembers("lobby")).isEmpty();
		assertThat(this.registry.userConnections("ada")).isEmpty();
		assertThat(this.lifecycle.registration("a")).isEmpty();
	}

	@Test
	void messageListenersJoinAndLeaveWithOneCall() {
		this.publisher.connect(connect("a"));
		this.listeners.onMessage = (event) -> this.registrar.join(event.connectionId(), event.body());

		this.publisher.message(new WebSocketMessageEvent("a", "join", "room:42", TIME));

		assertThat(this.registry.groupMembers("room:42")).containsExactly("a");
		assertThat(this.registrar.leave("a", "room:42")).isTrue();
		assertThat(this.registry.groupMembers("room:42")).isEmpty();
		assertThat(this.registrar.join("not-registered", "room:42")).isFalse();
		assertThat(this.registry.groupMembers("room:42")).isEmpty();
	}

	@Test
	void connectionUntouchedByListenersIsRegisteredWithoutAttributes() {
		this.publisher.connect(connect("a"));
		assertThat(this.registry.find("a").orElseThrow().attributes()).isEmpty();
		assertThat(this.registry.groups("a")).isEmpty();
	}

	@Test
	void registrationOutsideAConnectFailsNamingWhatToDo() {
		assertThatIllegalStateException().isThrownBy(() -> this.registrar.connecting(connect("a")))
			.withMessageContaining("The $connect of connection 'a' is not being handled")
			.withMessageContaining("synchronous WebSocketConnectEvent listeners only");
	}

	@Test
	void registrationIsBounded() {
		ConnectionRegistration registration = this.lifecycle.connecting("a");
		for (int i = 0; i < ConnectionRegistration.MAX_GROUPS; i++) {
			registration.join("g" + i);
		}
		registration.join("g0");
		assertThatIllegalStateException().isThrownBy(() -> registration.join("one-too-many"))
			.withMessageContaining("already joins 100 groups");
		for (int i = 0; i < ConnectionRegistration.MAX_ATTRIBUTES; i++) {
			registration.attribute("a" + i, "v");
		}
		assertThatIllegalStateException().isThrownBy(() -> registration.attribute("one-too-many", "v"))
			.withMessageContaining("already has 100 attributes");
		this.lifecycle.connected("a");
		assertThat(this.registry.groups("a")).hasSize(ConnectionRegistration.MAX_GROUPS);
		assertThat(this.registry.attributes("a").orElseThrow()).hasSize(ConnectionRegistration.MAX_ATTRIBUTES);
	}

	@Test
	void connectsHandledAtOnceAreBounded() {
		for (int i = 0; i < ConnectionLifecycle.MAX_CONNECTING; i++) {
			this.lifecycle.connecting("c" + i);
		}
		assertThatIllegalStateException().isThrownBy(() -> this.lifecycle.connecting("one-too-many"))
			.withMessageContaining("10000 $connect requests are being handled already");
		this.lifecycle.refused("c0");
		this.lifecycle.connecting("one-more");
		assertThat(this.lifecycle.registration("one-more")).isPresent();
	}

	private static WebSocketConnectEvent connect(String connectionId) {
		return new WebSocketConnectEvent(connectionId, Map.of(), Map.of(), TIME);
	}

	static class Listeners {

		ConnectionRegistrar registrar;

		InMemoryConnectionRegistry registry;

		Consumer<WebSocketConnectEvent> onConnect = (event) -> {
		};

		Consumer<WebSocketMessageEvent> onMessage = (event) -> {
		};

		final List<String> seenDuringConnect = new CopyOnWriteArrayList<>();

		@EventListener
		void connect(WebSocketConnectEvent event) {
			this.onConnect.accept(event);
			this.seenDuringConnect.add("registered=" + this.registry.contains(event.connectionId()) + ", lobby="
					+ this.registry.groupMembers("lobby"));
		}

		@EventListener
		void message(WebSocketMessageEvent event) {
			this.onMessage.accept(event);
		}

	}

}
