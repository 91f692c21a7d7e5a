package dev.apigw.websocket.autoconfigure.inbound;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketConnectRejectedException;
import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;

import org.springframework.context.event.EventListener;

/**
 * Records the connection events an application receives, refuses connects whose
 * {@code token} query parameter is {@value #REJECTED_TOKEN}, as an authenticating
 * application would, and fails on {@value #FAILING_TOKEN}, as a broken listener would.
 */
public final class InboundEventsRecorder {

	/** The token value whose connects are refused with 401. */
	public static final String REJECTED_TOKEN = "bad";

	/** The token value whose connect listener fails as a bug would. */
	public static final String FAILING_TOKEN = "boom";

	private final List<Object> events = new CopyOnWriteArrayList<>();

	@EventListener
	void connect(WebSocketConnectEvent event) {
		this.events.add(event);
		if (REJECTED_TOKEN.equals(event.queryParameter("token"))) {
			throw new WebSocketConnectRejectedException(401, "invalid token");
		}
		if (FAILING_TOKEN.equals(event.queryParameter("token"))) {
			throw new IllegalStateException("listener bug");
		}
	}

	@EventListener
	void message(WebSocketMessageEvent event) {
		this.events.add(event);
	}

	@EventListener
	void disconnect(WebSocketDisconnectEvent event) {
		this.events.add(event);
	}

	@EventListener
	void gone(WebSocketConnectionGoneEvent event) {
		this.events.add(event);
	}

	/**
	 * Return the recorded events of a type, oldest first.
	 * @param <T> the event type
	 * @param type the event type
	 * @return the events
	 */
	public <T> List<T> events(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

}
