package dev.apigw.websocket.autoconfigure.fleet;

import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import dev.apigw.websocket.BroadcastResult;
import dev.apigw.websocket.autoconfigure.fleet.FleetApplication.Instance;
import dev.apigw.websocket.emulator.RouteIntegration;
import dev.apigw.websocket.emulator.RouteResponse;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.emulator.WebSocketTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of an application share one registry store and one emulated API: what one
 * registers, the other sends to; what one finds gone, the other forgets. Real WebSocket
 * clients, the real SDK clients, the real store.
 */
abstract class AbstractFleetTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	static WebSocketApiEmulator emulator;

	static Instance a;

	static Instance b;

	/**
	 * Start the emulator and both instances on the store.
	 * @param storeProperties the properties that point an instance at the store
	 */
	static void startFleet(String... storeProperties) {
		emulator = WebSocketApiEmulator.builder().start();
		a = FleetApplication.start("a", emulator, storeProperties);
		b = FleetApplication.start("b", emulator, storeProperties);
	}

	/**
	 * Stop both instances and the emulator, before the store.
	 */
	static void stopFleet() {
		if (a != null) {
			a.close();
			a = null;
		}
		if (b != null) {
			b.close();
			b = null;
		}
		if (emulator != null) {
			emulator.close();
			emulator = null;
		}
	}

	@Test
	void connectHandledByAIsReachedByAGroupSendFromB() {
		String user = unique("user");
		String group = unique("room");
		WebSocketTestClient client = connectThrough(a, user, group);
		String connectionId = registeredConnection(b, user);
		assertThat(b.registry().find(connectionId).orElseThrow().attributes()).containsEntry("instance", "a");

		BroadcastResult result = b.template().sendToGroup(group, "hello from b");

		assertThat(result.delivered()).containsExactly(connectionId);
		assertThat(client.awaitMessages(1, TIMEOUT)).containsExactly("hello from b");
		client.close();
	}

	@Test
	void goneDetectedByBIsRemovedForA() {
		String user = unique("user");
		String group = unique("room");
		WebSocketTestClient client = connectThrough(a, user, group);
		String connectionId = registeredConnection(a, user);
		// $disconnect is best-effort: lose it, so that only a 410 can tell the fleet
		emulator.route("$disconnect", RouteIntegration.handler((request) -> RouteResponse.ok()));
		client.close(1000, "bye");
		await().atMost(TIMEOUT).until(() -> emulator.connection(connectionId).isEmpty());
		assertThat(a.registry().groupMembers(group)).containsExactly(connectionId);

		BroadcastResult fromB = b.template().sendToGroup(group, "anyone there?");

		assertThat(fromB.gone()).containsExactly(connectionId);
		awaitLookups(() -> a.registry().groupMembers(group).isEmpty() && a.registry().userConnections(user).isEmpty());
		assertThat(a.registry().contains(connectionId)).isFalse();
		assertThat(a.registry().groups(connectionId)).isEmpty();
		assertThat(a.template().sendToGroup(group, "still there?").total()).isZero();
	}

	@Test
	void userWithConnectionsOnBothInstancesIsReachedByOneSendToUser() {
		String user = unique("user");
		WebSocketTestClient onA = connectThrough(a, user, null);
		WebSocketTestClient onB = connectThrough(b, user, null);
		awaitLookups(() -> a.registry().userConnections(user).size() == 2);
		Set<String> connections = a.registry().userConnections(user);
		assertThat(connections).extracting((id) -> a.registry().find(id).orElseThrow().attributes().get("instance"))
			.containsExactlyInAnyOrder("a", "b");

		BroadcastResult result = a.template().sendJsonToUser(user, new Notice("hello " + user));

		assertThat(result.delivered()).containsExactlyInAnyOrderElementsOf(connections);
		String expected = "{\"text\":\"hello " + user + "\"}";
		assertThat(onA.awaitMessages(1, TIMEOUT)).containsExactly(expected);
		assertThat(onB.awaitMessages(1, TIMEOUT)).containsExactly(expected);
		onA.close();
		onB.close();
	}

	@Test
	void sendToAllFromEitherInstanceReachesConnectionsOfBoth() {
		WebSocketTestClient onA = connectThrough(a, unique("user"), null);
		WebSocketTestClient onB = connectThrough(b, unique("user"), null);
		awaitLookups(() -> a.registry().size() >= 2);

		BroadcastResult result = b.template().sendToAll("to everyone");

		assertThat(result.failed()).isEmpty();
		assertThat(onA.awaitMessages(1, TIMEOUT)).containsExactly("to everyone");
		assertThat(onB.awaitMessages(1, TIMEOUT)).containsExactly("to everyone");
		onA.close();
		onB.close();
	}

	/**
	 * Wait for a lookup: the DynamoDB registry's index is updated asynchronously.
	 */
	static void awaitLookups(Callable<Boolean> condition) {
		await().atMost(TIMEOUT).until(condition);
	}

	private static WebSocketTestClient connectThrough(Instance instance, String user, String group) {
		instance.receiveRoutes(emulator);
		String query = "?user=" + user + ((group != null) ? "&group=" + group : "");
		WebSocketTestClient client = WebSocketTestClient.connect(URI.create(emulator.webSocketUri() + query));
		registeredConnection(instance, user);
		return client;
	}

	private static String registeredConnection(Instance instance, String user) {
		awaitLookups(() -> !instance.registry().userConnections(user).isEmpty());
		return instance.registry().userConnections(user).iterator().next();
	}

	private static String unique(String prefix) {
		return prefix + "-" + UUID.randomUUID();
	}

	record Notice(String text) {
	}

}
