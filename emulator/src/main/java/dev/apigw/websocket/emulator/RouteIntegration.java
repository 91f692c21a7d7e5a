package dev.apigw.websocket.emulator;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Backend of a route: an HTTP endpoint that receives a POST (as an API Gateway HTTP
 * integration with the connection id mapped to a header) or an in-process
 * {@link RouteHandler}.
 * <p>
 * HTTP requests carry the headers {@code connectionId}, {@code routeKey},
 * {@code eventType} and {@code requestTimeEpoch}; for {@code $connect} also the client's
 * handshake headers and query string, for {@code $disconnect}
 * {@code disconnectStatusCode} and {@code disconnectReason}.
 *
 * @since 0.1.0
 */
public final class RouteIntegration {

	private final @Nullable URI uri;

	private final Map<String, String> headers;

	private final @Nullable RouteHandler handler;

	private final boolean routeResponse;

	private RouteIntegration(@Nullable URI uri, Map<String, String> headers, @Nullable RouteHandler handler,
			boolean routeResponse) {
		this.uri = uri;
		this.headers = headers;
		this.handler = handler;
		this.routeResponse = routeResponse;
	}

	/**
	 * An HTTP integration.
	 * @param uri absolute {@code http} or {@code https} URL that receives the POST
	 * @return the integration
	 */
	public static RouteIntegration http(URI uri) {
		return http(uri, Map.of());
	}

	/**
	 * An HTTP integration that adds static headers (for example a shared secret) to every
	 * request.
	 * @param uri absolute {@code http} or {@code https} URL that receives the POST
	 * @param extraHeaders headers added to every request
	 * @return the integration
	 */
	public static RouteIntegration http(URI uri, Map<String, String> extraHeaders) {
		Objects.requireNonNull(uri, "'uri' must not be null");
		Objects.requireNonNull(extraHeaders, "'extraHeaders' must not be null");
		String scheme = uri.getScheme();
		if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
			throw new IllegalArgumentException(
					"'uri' must be an absolute http or https URL, e.g. http://127.0.0.1:8080/apigw/websocket, but was "
							+ uri);
		}
		return new RouteIntegration(uri, Map.copyOf(extraHeaders), null, false);
	}

	/**
	 * An in-process integration.
	 * @param handler the handler to call
	 * @return the integration
	 */
	public static RouteIntegration handler(RouteHandler handler) {
		Objects.requireNonNull(handler, "'handler' must not be null");
		return new RouteIntegration(null, Map.of(), handler, false);
	}

	/**
	 * A copy of this integration whose successful response body is sent back to the
	 * client, like a route with a route response in API Gateway. Without it the body is
	 * discarded.
	 * @return the integration with a route response
	 */
	public RouteIntegration withRouteResponse() {
		return new RouteIntegration(this.uri, this.headers, this.handler, true);
	}

	/**
	 * URL of an HTTP integration.
	 * @return the URL, or {@code null} for an in-process handler
	 */
	public @Nullable URI uri() {
		return this.uri;
	}

	/**
	 * Static headers added to every HTTP request.
	 * @return the headers, empty for none
	 */
	public Map<String, String> extraHeaders() {
		return this.headers;
	}

	/**
	 * In-process handler.
	 * @return the handler, or {@code null} for an HTTP integration
	 */
	public @Nullable RouteHandler handler() {
		return this.handler;
	}

	/**
	 * Whether a successful response body is sent back to the client.
	 * @return {@code true} when the route has a route response
	 */
	public boolean hasRouteResponse() {
		return this.routeResponse;
	}

	@Override
	public String toString() {
		String target = (this.uri != null) ? this.uri.toString() : "in-process handler";
		return "RouteIntegration[" + target + (this.routeResponse ? ", with route response]" : "]");
	}

}
