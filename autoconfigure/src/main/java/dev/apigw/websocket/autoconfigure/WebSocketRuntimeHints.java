package dev.apigw.websocket.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import dev.apigw.websocket.BroadcastResult;
import dev.apigw.websocket.ConnectionInfo;
import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;
import dev.apigw.websocket.event.WebSocketRequestContext;

/**
 * Runtime hints for the data types the starter hands to applications. The starter itself
 * reflects on nothing (the AWS SDK, Netty and Spring Cloud AWS ship their own hints), but
 * applications bind these records reflectively:
 * {@code @EventListener(condition = "#event.routeKey == 'join'")} reads them through
 * SpEL, and {@code sendJson(id, connectionInfo)} or a log encoder writes them with
 * Jackson. In a native image both need binding hints, which are registered here; the
 * application's own payload types still need {@code @RegisterReflectionForBinding}.
 */
final class WebSocketRuntimeHints implements RuntimeHintsRegistrar {

	private static final Class<?>[] BOUND_TYPES = { WebSocketConnectEvent.class, WebSocketMessageEvent.class,
			WebSocketDisconnectEvent.class, WebSocketRequestContext.class, WebSocketConnectionGoneEvent.class,
			ConnectionInfo.class, BroadcastResult.class };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), BOUND_TYPES);
	}

}
