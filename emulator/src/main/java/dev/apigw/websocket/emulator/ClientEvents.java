package dev.apigw.websocket.emulator;

import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * What happens when a client sends a message or a connection ends: the route integration
 * is called, its answer (or API Gateway's error message) goes back to the client.
 */
final class ClientEvents {

	private static final System.Logger logger = System.getLogger(ClientEvents.class.getName());

	private final Routes routes;

	private final RouteInvoker invoker;

	private final ConnectionTable connections;

	private final PendingMessages pending;

	private volatile boolean stopping;

	ClientEvents(Routes routes, RouteInvoker invoker, ConnectionTable connections, PendingMessages pending) {
		this.routes = routes;
		this.invoker = invoker;
		this.connections = connections;
		this.pending = pending;
	}

	/**
	 * A whole message arrived; called on the connection's event loop.
	 */
	void message(LiveConnection connection, byte[] data, boolean binary) {
		connection.messageReceived(data, binary);
		String routeKey = this.routes.select(data, binary);
		RouteIntegration integration = this.routes.get(routeKey);
		if (integration == null) {
			connection.send(Json.clientError("Forbidden", connection.id()));
			return;
		}
		RouteRequest request = new RouteRequest(routeKey, EventType.MESSAGE, connection.id(), data, binary,
				System.currentTimeMillis(), Map.of(), null, 0, null);
		this.pending.added(connection, data.length);
		connection
			.enqueue(() -> invoke(integration, new Invocation(request, connection)).handle((response, failure) -> {
				try {
					reply(connection, integration, response, failure);
				}
				finally {
					this.pending.handled(connection, data.length);
				}
				return null;
			}));
	}

	private void reply(LiveConnection connection, RouteIntegration integration, @Nullable IntegrationResult response,
			@Nullable Throwable failure) {
		if (!connection.isOpen()) {
			return;
		}
		if (failure != null || response == null || !response.isSuccessful()) {
			logger.log(Level.DEBUG, () -> "Integration " + integration + " failed for " + connection.id() + ": "
					+ ((failure != null) ? failure : response));
			connection.send(Json.clientError("Internal server error", connection.id()));
			return;
		}
		byte[] body = response.body();
		if (integration.hasRouteResponse() && body != null && body.length > 0) {
			connection.send(body);
		}
	}

	/**
	 * The connection is closed: forget it and, if it had been opened, call
	 * {@code $disconnect}, best-effort as in AWS.
	 */
	void closed(LiveConnection connection) {
		boolean wasOpen = this.connections.remove(connection);
		connection.closed();
		RouteIntegration integration = this.routes.get(Routes.DISCONNECT);
		if (!wasOpen || integration == null || this.stopping) {
			return;
		}
		RouteRequest request = new RouteRequest(Routes.DISCONNECT, EventType.DISCONNECT, connection.id(), new byte[0],
				false, System.currentTimeMillis(), Map.of(), null, connection.closeStatus(), connection.closeReason());
		invoke(integration, new Invocation(request, connection)).whenComplete((response, failure) -> {
			if (failure != null) {
				logger.log(Level.DEBUG, () -> "$disconnect integration failed for " + connection.id(), failure);
			}
		});
	}

	CompletableFuture<IntegrationResult> invoke(RouteIntegration integration, Invocation invocation) {
		try {
			return this.invoker.invoke(integration, invocation);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	void stop() {
		this.stopping = true;
	}

}
