package dev.apigw.websocket.inbound;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.EventListener;

import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketConnectRejectedException;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;
import dev.apigw.websocket.registry.ConnectionLifecycle;
import dev.apigw.websocket.registry.ConnectionRegistry;
import dev.apigw.websocket.registry.InMemoryConnectionRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link InboundEventPublisher}: the order of publishing and registry changes,
 * seen by listeners of a real application context.
 */
class InboundEventPublisherTests {

	private static final Instant TIME = Instant.parse("2026-01-01T10:00:00Z");

	private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();

	private final AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();

	private InboundEventPublisher publisher;

	@AfterEach
	void close() {
		this.context.close();
	}

	@Test
	void connectRegistersAfterTheListenersSoTheirBroadcastsMissTheNewConnection() {
		Listeners listeners = start(this.registry);
		this.publisher.connect(connect("a"));
		assertThat(listeners.registeredDuringConnect).containsExactly(false);
		assertThat(this.registry.attributes("a")).contains(Map.of());
	}

	@Test
	void connectKeepsTheRegistrationOfAListener() {
		Listeners listeners = start(this.registry);
		listeners.registerOnConnect = Map.of("user", "ada");
		this.publisher.connect(connect("a"));
		assertThat(this.registry.attributes("a")).contains(Map.of("user", "ada"));
	}

	@Test
	void refusedConnectLeavesNoRegistrationEvenOneAListenerMade() {
		Listeners listeners = start(this.registry);
		listeners.registerOnConnect = Map.of("user", "ada");
		listeners.refuse = true;
		assertThatExceptionOfType(WebSocketConnectRejectedException.class)
			.isThrownBy(() -> this.publisher.connect(connect("a")));
		assertThat(this.registry.contains("a")).isFalse();
	}

	@Test
	void refusalReachesTheCallerWhenTheRegistryFailsToo() {
		Listeners listeners = start(failingRemove(this.registry));
		listeners.refuse = true;
		assertThatExceptionOfType(WebSocketConnectRejectedException.class)
			.isThrownBy(() -> this.publisher.connect(connect("a")))
			.satisfies((ex) -> assertThat(ex.getSuppressed()).singleElement()
				.satisfies((suppressed) -> assertThat(suppressed).hasMessage("registry is down")));
	}

	@Test
	void disconnectRemovesBeforeTheListenersAndPublishesTheAttributes() {
		Listeners listeners = start(this.registry);
		this.registry.register("a", Map.of("user", "ada"));
		this.publisher.disconnect("a", 1001, "going away", TIME);
		assertThat(listeners.registeredDuringDisconnect).containsExactly(false);
		assertThat(listeners.disconnects).singleElement()
			.isEqualTo(new WebSocketDisconnectEvent("a", 1001, "going away", Map.of("user", "ada"), TIME));
	}

	@Test
	void messageIsPublishedAsItIs() {
		Listeners listeners = start(this.registry);
		WebSocketMessageEvent message = new WebSocketMessageEvent("a", "chat", "hello", TIME);
		this.publisher.message(message);
		assertThat(listeners.messages).containsExactly(message);
	}

	@Test
	void withoutRegistryEventsArePublishedAlone() {
		this.context.registerBean(Listeners.class);
		this.context.refresh();
		this.publisher = new InboundEventPublisher(this.context, null);
		Listeners listeners = this.context.getBean(Listeners.class);
		listeners.registry = this.registry;
		this.publisher.connect(connect("a"));
		this.publisher.disconnect("a", 1000, null, TIME);
		assertThat(this.registry.size()).isZero();
		assertThat(listeners.disconnects).singleElement()
			.satisfies((event) -> assertThat(event.attributes()).isEmpty());
	}

	private Listeners start(ConnectionRegistry registry) {
		this.context.registerBean(Listeners.class);
		this.context.refresh();
		Listeners listeners = this.context.getBean(Listeners.class);
		listeners.registry = registry;
		this.publisher = new InboundEventPublisher(this.context, new ConnectionLifecycle(registry));
		return listeners;
	}

	private static WebSocketConnectEvent connect(String connectionId) {
		return new WebSocketConnectEvent(connectionId, Map.of(), Map.of(), TIME);
	}

	// whatever methods the registry SPI gains, only remove fails
	private static ConnectionRegistry failingRemove(ConnectionRegistry delegate) {
		return (ConnectionRegistry) Proxy.newProxyInstance(ConnectionRegistry.class.getClassLoader(),
				new Class<?>[] { ConnectionRegistry.class }, (proxy, method, arguments) -> {
					if (method.getName().equals("remove")) {
						throw new IllegalStateException("registry is down");
					}
					try {
						return method.invoke(delegate, arguments);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	static class Listeners {

		ConnectionRegistry registry;

		Map<String, String> registerOnConnect;

		boolean refuse;

		final List<Boolean> registeredDuringConnect = new CopyOnWriteArrayList<>();

		final List<Boolean> registeredDuringDisconnect = new CopyOnWriteArrayList<>();

		final List<WebSocketMessageEvent> messages = new CopyOnWriteArrayList<>();

		final List<WebSocketDisconnectEvent> disconnects = new CopyOnWriteArrayList<>();

		@EventListener
		void connect(WebSocketConnectEvent event) {
			this.registeredDuringConnect.add(this.registry.contains(event.connectionId()));
			if (this.registerOnConnect != null) {
				this.registry.register(event.connectionId(), this.registerOnConnect);
			}
			if (this.refuse) {
				throw new WebSocketConnectRejectedException(401, "no token");
			}
		}

		@EventListener
		void message(WebSocketMessageEvent event) {
			this.messages.add(event);
		}

		@EventListener
		void disconnect(WebSocketDisconnectEvent event) {
			this.registeredDuringDisconnect.add(this.registry.contains(event.connectionId()));
			this.disconnects.add(event);
		}

	}

}
