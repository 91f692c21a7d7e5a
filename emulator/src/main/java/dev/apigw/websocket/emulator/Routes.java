package dev.apigw.websocket.emulator;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Route integrations by route key, changeable while the emulator runs, and the choice of
 * route for a client message.
 */
final class Routes {

	static final String CONNECT = "$connect";

	static final String DISCONNECT = "$disconnect";

	static final String DEFAULT = "$default";

	private final Map<String, RouteIntegration> integrations = new ConcurrentHashMap<>();

	private final RouteSelectionExpression selectionExpression;

	Routes(RouteSelectionExpression selectionExpression, Map<String, RouteIntegration> initial) {
		this.selectionExpression = selectionExpression;
		initial.forEach(this::put);
	}

	void put(String routeKey, RouteIntegration integration) {
		this.integrations.put(validKey(routeKey),
				Objects.requireNonNull(integration, "'integration' must not be null"));
	}

	boolean remove(String routeKey) {
		return this.integrations.remove(validKey(routeKey)) != null;
	}

	@Nullable RouteIntegration get(String routeKey) {
		return this.integrations.get(routeKey);
	}

	Map<String, RouteIntegration> all() {
		return Map.copyOf(this.integrations);
	}

	/**
	 * The route for a client message: the selected custom route when one is configured
	 * for the selected value, else {@code $default}. Binary messages always go to
	 * {@code $default}; without custom routes the body is not parsed at all, as nothing
	 * it says could change the route.
	 */
	String select(byte[] body, boolean binary) {
		if (!binary && hasCustomRoute()) {
			String selected = this.selectionExpression.evaluate(body);
			if (selected != null && !selected.startsWith("$") && this.integrations.containsKey(selected)) {
				return selected;
			}
		}
		return DEFAULT;
	}

	private boolean hasCustomRoute() {
		for (String routeKey : this.integrations.keySet()) {
			if (!routeKey.startsWith("$")) {
				return true;
			}
		}
		return false;
	}

	static String validKey(String routeKey) {
		if (routeKey == null || routeKey.isBlank()) {
			throw new IllegalArgumentException("'routeKey' must not be blank");
		}
		if (routeKey.startsWith("$") && !routeKey.equals(CONNECT) && !routeKey.equals(DISCONNECT)
				&& !routeKey.equals(DEFAULT)) {
			throw new IllegalArgumentException(
					"'routeKey' starting with '$' must be $connect, $disconnect or $default but was '" + routeKey
							+ "'");
		}
		return routeKey;
	}

}
