package dev.apigw.websocket.autoconfigure.inbound;

import java.time.Instant;
import java.util.Map;

import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketConnectRejectedException;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;
import dev.apigw.websocket.registry.ConnectionRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * Publishes the inbound events and keeps the {@link ConnectionRegistry} in step with them.
 */
public final class InboundEventPublisher {

	private final ApplicationEventPublisher publisher;

	private final @Nullable ConnectionRegistry registry;

	/**
	 * Create a publisher.
	 * @param publisher the application's event publisher
	 * @param registry the registry to keep in step, or {@code null} for none
	 */
	public InboundEventPublisher(ApplicationEventPublisher publisher, @Nullable ConnectionRegistry registry) {
		Assert.notNull(publisher, "'publisher' must not be null");
		this.publisher = publisher;
		this.registry = registry;
	}

	/**
	 * Publish a connect event, then register the connection unless a listener registered it
	 * already (with attributes of its own, such as the authenticated user). Registering after
	 * the listeners keeps the new connection out of broadcasts that they send: API Gateway
	 * answers 410 for a connection whose {@code $connect} has not returned yet. When a
	 * listener refuses the connection or fails, it is removed again, whichever listener
	 * registered it.
	 * @param event the event
	 * @throws WebSocketConnectRejectedException if a listener refused the connection
	 */
	public void connect(WebSocketConnectEvent event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			if (this.registry != null) {
				this.registry.remove(event.connectionId());
			}
			throw ex;
		}
		if (this.registry != null && !this.registry.contains(event.connectionId())) {
			this.registry.register(event.connectionId(), Map.of());
		}
	}

	/**
	 * Publish a message event.
	 * @param event the event
	 */
	public void message(WebSocketMessageEvent event) {
		this.publisher.publishEvent(event);
	}

	/**
	 * Remove the connection from the registry, then publish a disconnect event carrying the
	 * attributes it was registered with. Removing first keeps the closed connection out of
	 * broadcasts that listeners send.
	 * @param connectionId the connection id
	 * @param statusCode the close status code
	 * @param reason the close reason, or {@code null}
	 * @param time when API Gateway received the disconnect
	 */
	public void disconnect(String connectionId, int statusCode, @Nullable String reason, Instant time) {
		Map<String, String> attributes = Map.of();
		if (this.registry != null) {
			attributes = this.registry.attributes(connectionId).orElse(Map.of());
			this.registry.remove(connectionId);
		}
		this.publisher.publishEvent(new WebSocketDisconnectEvent(connectionId, statusCode, reason, attributes, time));
	}

}
