package dev.apigw.websocket.autoconfigure;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;

import dev.apigw.websocket.BroadcastResult;
import dev.apigw.websocket.ConnectionInfo;
import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebSocketRuntimeHints}.
 */
class WebSocketRuntimeHintsTests {

	@Test
	void isRegisteredInAotFactories() {
		assertThat(AotServices.factories().load(RuntimeHintsRegistrar.class))
			.anyMatch(WebSocketRuntimeHints.class::isInstance);
	}

	@Test
	void eventAccessorsCanBeInvokedReflectively() {
		RuntimeHints hints = registeredHints();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(WebSocketMessageEvent.class, "routeKey"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(WebSocketMessageEvent.class, "body"))
			.accepts(hints);
		assertThat(
				RuntimeHintsPredicates.reflection().onMethodInvocation(WebSocketConnectEvent.class, "queryParameters"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(WebSocketDisconnectEvent.class, "statusCode"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(WebSocketConnectionGoneEvent.class, "connectionId")).accepts(hints);
	}

	@Test
	void resultsCanBeWrittenAsJson() {
		RuntimeHints hints = registeredHints();
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ConnectionInfo.class, "lastActiveAt"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(BroadcastResult.class, "delivered"))
			.accepts(hints);
	}

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		new WebSocketRuntimeHints().registerHints(hints, WebSocketRuntimeHintsTests.class.getClassLoader());
		return hints;
	}

}
