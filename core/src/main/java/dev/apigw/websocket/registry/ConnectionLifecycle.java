package dev.apigw.websocket.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;

import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

/**
 * The one place that keeps a {@link ConnectionRegistry} in step with the life of the
 * connections: a connection is registered once its {@code $connect} is accepted, and
 * removed when its {@code $connect} is refused, on its {@code $disconnect}, and when API
 * Gateway reports it gone (410). The inbound endpoint calls it around the events it
 * publishes; the {@link dev.apigw.websocket.WebSocketConnectionTemplate template} calls
 * {@link #gone(WebSocketConnectionGoneEvent)} for every 410 before it publishes the
 * {@link WebSocketConnectionGoneEvent}, so that the registry does not depend on the
 * application's listeners.
 * <p>
 * API Gateway also answers 410 for a connection whose {@code $connect} has been accepted
 * but whose upgrade has not completed yet. A connection reported gone less than the grace
 * period after its {@link ConnectionRegistry#registeredAt(String) registration} is
 * therefore kept; a later 410 or its {@code $disconnect} removes it. Removals on gone are
 * counted in {@value #PRUNED_METER_NAME} when a {@link MeterRegistry} is given.
 * <p>
 * Uses nothing but the {@link ConnectionRegistry} interface, so a registry shared by a
 * fleet plugs in unchanged. What the registry throws reaches the caller.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class ConnectionLifecycle {

	/**
	 * Name of the counter of connections removed because API Gateway reported them gone.
	 */
	public static final String PRUNED_METER_NAME = "apigw.websocket.registry.pruned";

	/**
	 * Grace period used unless one is given.
	 */
	public static final Duration DEFAULT_GRACE_PERIOD = Duration.ofSeconds(5);

	/**
	 * Most {@code $connect} requests handled at once, between {@link #connecting(String)}
	 * and {@link #connected(String)} or {@link #refused(String)}.
	 */
	public static final int MAX_CONNECTING = 10_000;

	private static final Log logger = LogFactory.getLog(ConnectionLifecycle.class);

	private final ConnectionRegistry registry;

	private final Duration gracePeriod;

	private final @Nullable Counter prunedCounter;

	// the registrations of the connections whose $connect is being handled: each lives
	// from connecting() to connected() or refused()
	private final ConcurrentMap<String, ConnectionRegistration> connecting = new ConcurrentHashMap<>();

	/**
	 * Create a lifecycle without meters and with the {@link #DEFAULT_GRACE_PERIOD default
	 * grace period}.
	 * @param registry the registry to keep in step
	 */
	public ConnectionLifecycle(ConnectionRegistry registry) {
		this(registry, DEFAULT_GRACE_PERIOD, null);
	}

	/**
	 * Create a lifecycle.
	 * @param registry the registry to keep in step
	 * @param gracePeriod how long after its registration a connection reported gone is
	 * kept, {@link Duration#ZERO} to remove it at once
	 * @param meterRegistry the meter registry to count removals on gone in, if any
	 */
	public ConnectionLifecycle(ConnectionRegistry registry, Duration gracePeriod,
			@Nullable MeterRegistry meterRegistry) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(gracePeriod, "'gracePeriod' must not be null");
		Assert.isTrue(!gracePeriod.isNegative(), () -> "'gracePeriod' must not be negative, but was " + gracePeriod);
		this.registry = registry;
		this.gracePeriod = gracePeriod;
		this.prunedCounter = (meterRegistry != null) ? Counter.builder(PRUNED_METER_NAME)
			.description("Connections removed from the registry because API Gateway reported them gone")
			.register(meterRegistry) : null;
	}

	/**
	 * Start the {@code $connect} of a connection: until it is {@link #connected(String)
	 * connected} or {@link #refused(String) refused}, its listeners describe its
	 * registration through a {@link ConnectionRegistrar}. Called before the listeners; a
	 * {@code $connect} of the same id that is still handled starts over. At most
	 * {@value #MAX_CONNECTING} are handled at once.
	 * @param connectionId the connection id
	 * @return the registration the listeners describe
	 * @throws IllegalStateException when {@value #MAX_CONNECTING} are handled already
	 */
	public ConnectionRegistration connecting(String connectionId) {
		Assert.hasText(connectionId, "'connectionId' must not be blank");
		Assert.state(this.connecting.size() < MAX_CONNECTING || this.connecting.containsKey(connectionId),
				() -> MAX_CONNECTING + " $connect requests are being handled already; every connecting() must "
						+ "end with connected() or refused()");
		ConnectionRegistration registration = new ConnectionRegistration(connectionId);
		this.connecting.put(connectionId, registration);
		return registration;
	}

	/**
	 * Register a connection whose {@code $connect} the listeners accepted: with the user,
	 * attributes and groups its listeners described, in one registration; else, unless
	 * one of them registered it already itself, without attributes. Called after the
	 * listeners, so that the new connection stays out of broadcasts they send: API
	 * Gateway answers 410 until {@code $connect} has returned.
	 * @param connectionId the connection id
	 */
	public void connected(String connectionId) {
		Assert.hasText(connectionId, "'connectionId' must not be blank");
		ConnectionRegistration registration = this.connecting.remove(connectionId);
		if (registration != null && registration.isChanged()) {
			this.registry.register(connectionId, registration.userId(), registration.attributes(),
					registration.groups());
		}
		else if (!this.registry.contains(connectionId)) {
			this.registry.register(connectionId, Map.of());
		}
	}

	/**
	 * Remove a connection whose {@code $connect} a listener refused or failed, whichever
	 * listener registered it, and drop the registration its listeners described: API
	 * Gateway never opens it.
	 * @param connectionId the connection id
	 */
	public void refused(String connectionId) {
		Assert.hasText(connectionId, "'connectionId' must not be blank");
		this.connecting.remove(connectionId);
		this.registry.remove(connectionId);
	}

	/**
	 * Return the registration of a connection whose {@code $connect} is being handled.
	 * @param connectionId the connection id
	 * @return the registration, empty when its {@code $connect} is not being handled
	 */
	public Optional<ConnectionRegistration> registration(String connectionId) {
		Assert.hasText(connectionId, "'connectionId' must not be blank");
		return Optional.ofNullable(this.connecting.get(connectionId));
	}

	ConnectionRegistry registry() {
		return this.registry;
	}

	/**
	 * Remove a connection on its {@code $disconnect}. Called before the disconnect event
	 * is published, so that listeners do not broadcast to the closed connection.
	 * @param connectionId the connection id
	 * @return the attributes it was registered with, empty when it was not registered
	 */
	public Map<String, String> disconnected(String connectionId) {
		Assert.hasText(connectionId, "'connectionId' must not be blank");
		Map<String, String> attributes = this.registry.attributes(connectionId).orElse(Map.of());
		this.registry.remove(connectionId);
		return attributes;
	}

	/**
	 * Remove a connection API Gateway reported gone, unless it was registered less than
	 * the grace period before.
	 * @param event the connection reported gone, and when
	 * @return whether the connection was removed
	 */
	public boolean gone(WebSocketConnectionGoneEvent event) {
		Assert.notNull(event, "'event' must not be null");
		if (isWithinGracePeriod(event) || !this.registry.remove(event.connectionId())) {
			return false;
		}
		if (this.prunedCounter != null) {
			this.prunedCounter.increment();
		}
		return true;
	}

	private boolean isWithinGracePeriod(WebSocketConnectionGoneEvent event) {
		if (this.gracePeriod.isZero()) {
			return false;
		}
		Instant registeredAt = this.registry.registeredAt(event.connectionId()).orElse(null);
		if (registeredAt == null || !event.time().isBefore(registeredAt.plus(this.gracePeriod))) {
			return false;
		}
		logger.debug(LogMessage.format(
				"Kept connection '%s' reported gone %s after its registration, within the grace period of %s: "
						+ "API Gateway answers 410 until the upgrade of a new connection completes",
				event.connectionId(), Duration.between(registeredAt, event.time()), this.gracePeriod));
		return true;
	}

}
