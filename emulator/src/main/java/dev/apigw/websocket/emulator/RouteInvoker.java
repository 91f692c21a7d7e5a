package dev.apigw.websocket.emulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * Calls route integrations: a POST through {@link HttpClient}, an in-process handler on a
 * worker thread, or a Lambda function ({@link LambdaInvoker}). Never blocks the caller.
 */
final class RouteInvoker implements AutoCloseable {

	/** API Gateway's integration timeout. */
	static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(29);

	// The request context an HTTP integration maps to headers. A copy of the contract in
	// apigw-websocket-inbound's InboundHeaders, which the emulator (no dependency on it)
	// cannot
	// see; InboundHeadersEmulatorTests there sends through the emulator and checks every
	// name.

	static final String CONNECTION_ID_HEADER = "connectionId";

	static final String ROUTE_KEY_HEADER = "routeKey";

	static final String EVENT_TYPE_HEADER = "eventType";

	static final String REQUEST_TIME_EPOCH_HEADER = "requestTimeEpoch";

	static final String DISCONNECT_STATUS_CODE_HEADER = "disconnectStatusCode";

	static final String DISCONNECT_REASON_HEADER = "disconnectReason";

	private final ExecutorService workers = Executors
		.newCachedThreadPool(new DefaultThreadFactory("apigw-emulator-integration", true));

	private final HttpClient http = HttpClient.newBuilder()
		.executor(this.workers)
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final LambdaInvoker lambda;

	RouteInvoker(LambdaLimits lambdaLimits, LambdaEvents lambdaEvents, RefusalLog refusals) {
		this.lambda = new LambdaInvoker(lambdaLimits, lambdaEvents, this.workers, this.http, refusals);
	}

	LambdaEvents lambdaEvents() {
		return this.lambda.events();
	}

	CompletableFuture<IntegrationResult> invoke(RouteIntegration integration, Invocation invocation) {
		if (integration.isLambda()) {
			return this.lambda.invoke(integration, invocation);
		}
		RouteRequest request = invocation.request();
		RouteHandler handler = integration.handler();
		if (handler != null) {
			return CompletableFuture.supplyAsync(() -> IntegrationResult.of(callHandler(handler, request)),
					this.workers);
		}
		URI uri = Objects.requireNonNull(integration.uri(), "HTTP integration without a URI");
		HttpRequest.Builder builder = HttpRequest.newBuilder(withQuery(uri, request.queryString()))
			.timeout(INTEGRATION_TIMEOUT)
			.POST(HttpRequest.BodyPublishers.ofByteArray(request.body()));
		request.headers().forEach((name, value) -> header(builder, name, value));
		integration.extraHeaders().forEach((name, value) -> header(builder, name, value));
		header(builder, CONNECTION_ID_HEADER, request.connectionId());
		header(builder, ROUTE_KEY_HEADER, request.routeKey());
		header(builder, EVENT_TYPE_HEADER, request.eventType().name());
		header(builder, REQUEST_TIME_EPOCH_HEADER, Long.toString(request.requestTimeEpoch()));
		if (request.eventType() == EventType.DISCONNECT) {
			header(builder, DISCONNECT_STATUS_CODE_HEADER, Integer.toString(request.disconnectStatusCode()));
			header(builder, DISCONNECT_REASON_HEADER, String.valueOf(request.disconnectReason()));
		}
		return this.http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofByteArray())
			.thenApply((response) -> new IntegrationResult(response.statusCode(), response.body()));
	}

	private static RouteResponse callHandler(RouteHandler handler, RouteRequest request) {
		try {
			RouteResponse response = handler.handle(request);
			if (response == null) {
				throw new IllegalStateException("Route handler for '" + request.routeKey()
						+ "' returned null; return RouteResponse.ok() instead");
			}
			return response;
		}
		catch (RuntimeException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new CompletionException(ex);
		}
	}

	private static URI withQuery(URI uri, @Nullable String query) {
		if (query == null || query.isEmpty()) {
			return uri;
		}
		String base = uri.toString();
		return URI.create(base + ((uri.getRawQuery() != null) ? "&" : "?") + query);
	}

	/**
	 * Header values come from clients; one that {@link HttpClient} refuses (restricted
	 * name, control characters) is left out rather than failing the whole call.
	 */
	private static void header(HttpRequest.Builder builder, String name, String value) {
		try {
			builder.setHeader(name, value);
		}
		catch (IllegalArgumentException ex) {
			// not representable in an HTTP/1.1 request through HttpClient
		}
	}

	@Override
	public void close() {
		this.workers.shutdownNow();
	}

}
