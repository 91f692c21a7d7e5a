package dev.apigw.websocket.inbound;

import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketConnectRejectedException;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.WebSocketConnectionOperations;
import dev.apigw.websocket.event.WebSocketMessageEvent;
import dev.apigw.websocket.event.WebSocketRequestContext;
import dev.apigw.websocket.registry.ConnectionLifecycle;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * Publishes the inbound events, telling the {@link ConnectionLifecycle} at the points
 * their order requires: after the connect listeners accepted a connection, when they
 * refused it, and before the disconnect event.
 *
 * @since 0.1.0
 */
public final class InboundEventPublisher {

	private final ApplicationEventPublisher publisher;

	private final @Nullable ConnectionLifecycle lifecycle;

	private final @Nullable Supplier<? extends WebSocketConnectionOperations> replyOperations;

	/**
	 * Create a publisher whose HTTP-integration events cannot reply.
	 * @param publisher the application's event publisher
	 * @param lifecycle keeps the connection registry in step, or {@code null} for no
	 * registry
	 */
	public InboundEventPublisher(ApplicationEventPublisher publisher, @Nullable ConnectionLifecycle lifecycle) {
		this(publisher, lifecycle, null);
	}

	/**
	 * Create a publisher.
	 * @param publisher the application's event publisher
	 * @param lifecycle keeps the connection registry in step, or {@code null} for no
	 * registry
	 * @param replyOperations supplies the operations that the events of HTTP integrations
	 * {@link WebSocketMessageEvent#reply(String) reply} with (the API of the configured
	 * endpoint), or {@code null} when the application cannot send
	 */
	public InboundEventPublisher(ApplicationEventPublisher publisher, @Nullable ConnectionLifecycle lifecycle,
			@Nullable Supplier<? extends WebSocketConnectionOperations> replyOperations) {
		Assert.notNull(publisher, "'publisher' must not be null");
		this.publisher = publisher;
		this.lifecycle = lifecycle;
		this.replyOperations = replyOperations;
	}

	/**
	 * Return the context of an event of an HTTP integration, which maps nothing but the
	 * event type.
	 */
	WebSocketRequestContext httpContext(String eventType) {
		return WebSocketRequestContext.of(eventType, this.replyOperations);
	}

	/**
	 * Tell the lifecycle that the connection is
	 * {@link ConnectionLifecycle#connecting(String) connecting}, so that listeners can
	 * describe its registration, publish a connect event, then tell the lifecycle that
	 * the connection is {@link ConnectionLifecycle#connected(String) connected}:
	 * registering after the listeners keeps the new connection out of the broadcasts they
	 * send. When a listener refuses the connection or fails, the lifecycle is told it was
	 * {@link ConnectionLifecycle#refused(String) refused}, and the listener's exception
	 * propagates.
	 * @param event the event
	 * @throws WebSocketConnectRejectedException if a listener refused the connection
	 */
	public void connect(WebSocketConnectEvent event) {
		if (this.lifecycle != null) {
			this.lifecycle.connecting(event.connectionId());
		}
		try {
			this.publisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			refused(event.connectionId(), ex);
			throw ex;
		}
		if (this.lifecycle != null) {
			this.lifecycle.connected(event.connectionId());
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
	 * Tell the lifecycle that the connection is
	 * {@link ConnectionLifecycle#disconnected(String) disconnected}, then publish a
	 * disconnect event carrying the attributes it was registered with. Removing first
	 * keeps the closed connection out of broadcasts that listeners send.
	 * @param connectionId the connection id
	 * @param statusCode the close status code
	 * @param reason the close reason, or {@code null}
	 * @param time when API Gateway received the disconnect
	 */
	public void disconnect(String connectionId, int statusCode, @Nullable String reason, Instant time) {
		disconnect(connectionId, statusCode, reason, time, httpContext("DISCONNECT"));
	}

	/**
	 * Tell the lifecycle that the connection is
	 * {@link ConnectionLifecycle#disconnected(String) disconnected}, then publish a
	 * disconnect event carrying the attributes it was registered with and the given
	 * request context.
	 * @param connectionId the connection id
	 * @param statusCode the close status code
	 * @param reason the close reason, or {@code null}
	 * @param time when API Gateway received the disconnect
	 * @param context the request context
	 */
	public void disconnect(String connectionId, int statusCode, @Nullable String reason, Instant time,
			WebSocketRequestContext context) {
		Map<String, String> attributes = (this.lifecycle != null) ? this.lifecycle.disconnected(connectionId)
				: Map.of();
		this.publisher
			.publishEvent(new WebSocketDisconnectEvent(connectionId, statusCode, reason, attributes, time, context));
	}

	// the listener's refusal is the answer API Gateway must get, whatever the registry
	// does
	private void refused(String connectionId, RuntimeException refusal) {
		if (this.lifecycle == null) {
			return;
		}
		try {
			this.lifecycle.refused(connectionId);
		}
		catch (RuntimeException ex) {
			refusal.addSuppressed(ex);
		}
	}

}
