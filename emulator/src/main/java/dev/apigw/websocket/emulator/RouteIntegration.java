package dev.apigw.websocket.emulator;

import java.net.URI;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Backend of a route: an HTTP endpoint that receives a POST (as an API Gateway HTTP
 * integration with the connection id mapped to a header), an in-process
 * {@link RouteHandler}, or a Lambda-style function (a Lambda proxy integration) that
 * receives API Gateway's {@code APIGatewayV2WebSocketEvent} in process
 * ({@link #lambda(LambdaHandler)}) or through the Lambda Invoke API
 * ({@link #lambda(URI, String)}).
 * <p>
 * HTTP requests carry the headers {@code connectionId}, {@code routeKey},
 * {@code eventType} and {@code requestTimeEpoch}; for {@code $connect} also the client's
 * handshake headers and query string, for {@code $disconnect}
 * {@code disconnectStatusCode} and {@code disconnectReason}.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class RouteIntegration {

	private static final String INVOKE_PATH = "/2015-03-31/functions/";

	private final @Nullable URI uri;

	private final Map<String, String> headers;

	private final @Nullable RouteHandler handler;

	private final @Nullable LambdaHandler lambdaHandler;

	private final @Nullable String functionName;

	private final boolean routeResponse;

	private RouteIntegration(@Nullable URI uri, Map<String, String> headers, @Nullable RouteHandler handler,
			@Nullable LambdaHandler lambdaHandler, @Nullable String functionName, boolean routeResponse) {
		this.uri = uri;
		this.headers = headers;
		this.handler = handler;
		this.lambdaHandler = lambdaHandler;
		this.functionName = functionName;
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
		return new RouteIntegration(uri, Map.copyOf(extraHeaders), null, null, null, false);
	}

	/**
	 * An in-process integration.
	 * @param handler the handler to call
	 * @return the integration
	 */
	public static RouteIntegration handler(RouteHandler handler) {
		Objects.requireNonNull(handler, "'handler' must not be null");
		return new RouteIntegration(null, Map.of(), handler, null, null, false);
	}

	/**
	 * A Lambda proxy integration with an in-process function: it receives the
	 * {@code APIGatewayV2WebSocketEvent} JSON as a map, and its result is mapped as API
	 * Gateway maps a Lambda function's ({@code statusCode}, {@code body},
	 * {@code isBase64Encoded}).
	 * @param function the function to call
	 * @return the integration
	 */
	public static RouteIntegration lambda(LambdaHandler function) {
		Objects.requireNonNull(function, "'function' must not be null");
		return new RouteIntegration(null, Map.of(), null, function, "in-process", false);
	}

	/**
	 * A Lambda proxy integration with a function behind the Lambda Invoke API, as
	 * {@code sam local start-lambda} (port 3001) and the Lambda runtime interface
	 * emulator (port 9000, function name {@code function}) serve it: the event is posted
	 * to {@code {endpoint}/2015-03-31/functions/{functionName}/invocations}.
	 * @param endpoint absolute {@code http} or {@code https} URL of the Invoke API, e.g.
	 * {@code http://127.0.0.1:3001}
	 * @param functionName the function's name, e.g. {@code ChatFunction}
	 * @return the integration
	 */
	public static RouteIntegration lambda(URI endpoint, String functionName) {
		Objects.requireNonNull(endpoint, "'endpoint' must not be null");
		if (functionName == null || !functionName.matches("[A-Za-z0-9_:.$-]{1,170}")) {
			throw new IllegalArgumentException(
					"'functionName' must be 1 to 170 letters, digits, '-', '_', ':', '.' or '$' (a Lambda function name, e.g. 'ChatFunction') but was '"
							+ functionName + "'");
		}
		String scheme = endpoint.getScheme();
		if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || endpoint.getRawAuthority() == null
				|| endpoint.getRawQuery() != null) {
			throw new IllegalArgumentException(
					"'endpoint' must be an absolute http or https URL of the Lambda Invoke API without a query, e.g. http://127.0.0.1:3001, but was "
							+ endpoint);
		}
		String base = endpoint.toString().replaceAll("/+$", "");
		URI invocations = URI.create(base + INVOKE_PATH + functionName + "/invocations");
		return new RouteIntegration(invocations, Map.of(), null, null, functionName, false);
	}

	/**
	 * A copy of this integration whose successful response body is sent back to the
	 * client, like a route with a route response in API Gateway. Without it the body is
	 * discarded.
	 * @return the integration with a route response
	 */
	public RouteIntegration withRouteResponse() {
		return new RouteIntegration(this.uri, this.headers, this.handler, this.lambdaHandler, this.functionName, true);
	}

	/**
	 * URL of an HTTP integration, or the invocation URL of a Lambda function behind the
	 * Invoke API.
	 * @return the URL, or {@code null} for an in-process handler or function
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
	 * In-process Lambda-style function.
	 * @return the function, or {@code null} for other integrations
	 */
	public @Nullable LambdaHandler lambdaHandler() {
		return this.lambdaHandler;
	}

	/**
	 * Whether this is a Lambda proxy integration (in process or through the Invoke API).
	 * @return {@code true} for a Lambda integration
	 */
	public boolean isLambda() {
		return this.functionName != null;
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
		String target = (this.lambdaHandler != null) ? "in-process Lambda function"
				: (this.functionName != null) ? "Lambda function " + this.functionName + " at " + this.uri
						: (this.uri != null) ? this.uri.toString() : "in-process handler";
		return "RouteIntegration[" + target + (this.routeResponse ? ", with route response]" : "]");
	}

}
