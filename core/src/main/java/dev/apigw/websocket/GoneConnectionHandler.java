package dev.apigw.websocket;

import java.net.URI;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;
import dev.apigw.websocket.registry.ConnectionLifecycle;

import org.springframework.context.ApplicationEventPublisher;

/**
 * The one place that handles a connection API Gateway reported gone: it hands it to the
 * {@link ConnectionLifecycle}, which prunes it from the registry, then publishes one
 * {@link WebSocketConnectionGoneEvent}. Neither the pruning nor the outcome of the call
 * depends on the application's listeners: what the registry or a listener throws is
 * logged, never propagated.
 */
final class GoneConnectionHandler {

	private static final Log logger = LogFactory.getLog(GoneConnectionHandler.class);

	// listeners whose failure was logged at WARN; later failures of each go to DEBUG
	private static final int MAX_WARNED_LISTENERS = 64;

	private static final Set<String> EVENT_DISPATCH_CLASSES = Set.of(
			"org.springframework.context.event.ApplicationListenerMethodAdapter",
			"org.springframework.context.event.SimpleApplicationEventMulticaster");

	private final URI endpoint;

	private final @Nullable ConnectionLifecycle lifecycle;

	private final @Nullable ApplicationEventPublisher eventPublisher;

	private final Set<String> warnedListeners = ConcurrentHashMap.newKeySet();

	GoneConnectionHandler(URI endpoint, @Nullable ConnectionLifecycle lifecycle,
			@Nullable ApplicationEventPublisher eventPublisher) {
		this.endpoint = endpoint;
		this.lifecycle = lifecycle;
		this.eventPublisher = eventPublisher;
	}

	void connectionGone(ConnectionGoneException gone) {
		WebSocketConnectionGoneEvent event = new WebSocketConnectionGoneEvent(gone.connectionId(), gone.operation(),
				this.endpoint, Instant.now());
		prune(event);
		publish(event);
	}

	private void prune(WebSocketConnectionGoneEvent event) {
		if (this.lifecycle == null) {
			return;
		}
		try {
			this.lifecycle.gone(event);
		}
		catch (RuntimeException ex) {
			logger.warn("Pruning gone connection '" + event.connectionId() + "' from the connection registry failed",
					ex);
		}
	}

	private void publish(WebSocketConnectionGoneEvent event) {
		if (this.eventPublisher == null) {
			return;
		}
		try {
			this.eventPublisher.publishEvent(event);
		}
		catch (RuntimeException ex) {
			listenerFailed(event, ex);
		}
	}

	private void listenerFailed(WebSocketConnectionGoneEvent event, RuntimeException ex) {
		String listener = listenerName(ex);
		String message = "Listener " + listener + " of WebSocketConnectionGoneEvent failed for connection '"
				+ event.connectionId() + "' (" + ex + "); Spring's default event multicaster calls no listener "
				+ "after a failed one. The registry was pruned before publishing and the call's result is unaffected";
		if (this.warnedListeners.size() < MAX_WARNED_LISTENERS && this.warnedListeners.add(listener)) {
			logger.warn(message + ". Later failures of this listener are logged at DEBUG", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message, ex);
		}
	}

	/**
	 * The method that threw, as far as the stack shows it: the frame just above Spring's
	 * event dispatch, past reflection; else where the exception was thrown.
	 */
	static String listenerName(Throwable ex) {
		StackTraceElement[] frames = ex.getStackTrace();
		for (int i = 0; i < frames.length; i++) {
			if (EVENT_DISPATCH_CLASSES.contains(frames[i].getClassName())) {
				for (int j = i - 1; j >= 0; j--) {
					if (!isReflection(frames[j].getClassName())) {
						return frames[j].getClassName() + "." + frames[j].getMethodName();
					}
				}
			}
		}
		return (frames.length > 0) ? frames[0].getClassName() + "." + frames[0].getMethodName()
				: ex.getClass().getName();
	}

	private static boolean isReflection(String className) {
		return className.startsWith("java.lang.reflect.") || className.startsWith("jdk.internal.reflect.")
				|| className.startsWith("org.springframework.util.ReflectionUtils")
				|| className.startsWith("org.springframework.aop.") || className.contains("$$");
	}

}
