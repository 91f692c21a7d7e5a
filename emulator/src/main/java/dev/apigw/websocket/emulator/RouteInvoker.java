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
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * Calls route integrations: a POST through {@link HttpClient}, an in-process handler on a
 * worker thread, or a Lambda function ({@link LambdaInvoker}). Never blocks the caller.
 * HTTP and in-process calls share the bounds of {@link IntegrationLimits}: at most
 * {@code maxConcurrentIntegrations} run at once (one more is refused without being
 * called), each is abandoned at {@code integrationTimeout}, and an HTTP response is read
 * up to {@code maxIntegrationResponseBytes}. Every refusal and failure is logged and
 * completes the future exceptionally, so the client gets API Gateway's answer to a failed
 * integration.
 */
final class RouteInvoker implements AutoCloseable {

	/** API Gateway's integration timeout. */
	static final Duration INTEGRATION_TIMEOUT = IntegrationLimits.DEFAULT_TIMEOUT;

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

	/**
	 * Runs HttpClient's own tasks and in-process Lambda functions; never rejects a task
	 * (HttpClient does not expect its executor to). Its threads are bounded by the calls
	 * admitted: HTTP calls and Lambda invocations hold permits of their own.
	 */
	private final ExecutorService workers = Executors
		.newCachedThreadPool(new DefaultThreadFactory("apigw-emulator-integration", true));

	/**
	 * Runs in-process route handlers: idle threads first, at most
	 * {@code maxConcurrentIntegrations} threads, and as many calls waiting for one. A
	 * handler that overruns its timeout is interrupted and its permit is given back at
	 * once, but its thread stays busy until it returns: a call admitted meanwhile waits
	 * for a thread (within its own timeout) rather than being given one more.
	 */
	private final ThreadPoolExecutor handlers;

	private final HttpClient http = HttpClient.newBuilder()
		.executor(this.workers)
		.connectTimeout(Duration.ofSeconds(5))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private final IntegrationLimits limits;

	private final Semaphore running;

	private final IntegrationFailures failures;

	private final LambdaInvoker lambda;

	RouteInvoker(IntegrationLimits limits, LambdaEvents lambdaEvents, RefusalLog refusals) {
		this.limits = limits;
		this.running = new Semaphore(limits.maxConcurrentIntegrations());
		this.failures = IntegrationFailures.ofRoutes(limits, refusals);
		this.handlers = HandlerQueue.executor(limits.maxConcurrentIntegrations());
		this.lambda = new LambdaInvoker(limits, lambdaEvents, this.workers, this.http, refusals);
	}

	LambdaEvents lambdaEvents() {
		return this.lambda.events();
	}

	CompletableFuture<IntegrationResult> invoke(RouteIntegration integration, Invocation invocation) {
		if (integration.isLambda()) {
			return this.lambda.invoke(integration, invocation);
		}
		RouteRequest request = invocation.request();
		String target = describe(integration, request);
		if (!this.running.tryAcquire()) {
			return this.failures.fail(RefusalLog.Kind.INTEGRATION_THROTTLED, target + " refused: "
					+ this.limits.maxConcurrentIntegrations()
					+ " integration calls are running; raise maxConcurrentIntegrations(...) or --integration-concurrency",
					null);
		}
		CompletableFuture<IntegrationResult> call;
		try {
			RouteHandler handler = integration.handler();
			call = (handler != null) ? inProcess(handler, request) : overHttp(integration, request, target);
		}
		catch (RejectedExecutionException ex) {
			this.running.release();
			return this.failures.fail(RefusalLog.Kind.INTEGRATION_THROTTLED, target + " refused: "
					+ this.limits.maxConcurrentIntegrations()
					+ " handler threads are held by handlers that overran their timeout and as many calls wait for them, or the emulator is closing",
					null);
		}
		catch (RuntimeException ex) {
			this.running.release();
			return this.failures.error(target + " failed: " + ex, ex);
		}
		// the permit comes back when the call is answered or abandoned at its timeout
		// (then after the call is cancelled), and before the client is answered, so that
		// the client's next message finds it
		return call.whenComplete((result, failure) -> this.running.release())
			.exceptionallyCompose((failure) -> this.failures.failed(failure, target));
	}

	/**
	 * The call, failed with a {@link TimeoutException} at the integration timeout, after
	 * {@code abandon} has run.
	 */
	private CompletableFuture<IntegrationResult> abandonedAtTimeout(CompletableFuture<IntegrationResult> call,
			Runnable abandon) {
		return call.orTimeout(this.limits.integrationTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((value, failure) -> {
				if (failure instanceof TimeoutException) {
					abandon.run();
				}
			});
	}

	private CompletableFuture<IntegrationResult> inProcess(RouteHandler handler, RouteRequest request) {
		CompletableFuture<IntegrationResult> result = new CompletableFuture<>();
		Future<?> task = this.handlers.submit(() -> {
			try {
				result.complete(IntegrationResult.of(callHandler(handler, request)));
			}
			catch (Throwable ex) {
				result.completeExceptionally(ex);
			}
		});
		return abandonedAtTimeout(result, () -> {
			task.cancel(true);
			// a call still waiting for a thread gives its place back
			this.handlers.remove((Runnable) task);
		});
	}

	private CompletableFuture<IntegrationResult> overHttp(RouteIntegration integration, RouteRequest request,
			String target) {
		URI uri = Objects.requireNonNull(integration.uri(), "HTTP integration without a URI");
		HttpRequest.Builder builder = HttpRequest.newBuilder(withQuery(uri, request.queryString()))
			.timeout(this.limits.integrationTimeout())
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
		// the body goes back to the client on a route response, and on $connect as the
		// answer to a refused handshake; elsewhere it is dropped unread
		boolean bodyUsed = integration.hasRouteResponse() || request.eventType() == EventType.CONNECT;
		int max = this.limits.maxIntegrationResponseBytes();
		HttpResponse.BodyHandler<byte[]> body = bodyUsed
				? BoundedResponseBody.upTo(max, (bytes) -> this.failures.tooLarge(bytes, target))
				: (info) -> HttpResponse.BodySubscribers.replacing(null);
		CompletableFuture<HttpResponse<byte[]>> exchange = this.http.sendAsync(builder.build(), body);
		CompletableFuture<IntegrationResult> result = exchange
			.thenApply((response) -> new IntegrationResult(response.statusCode(), response.body()));
		// cancelling abandons the exchange and closes its connection
		return abandonedAtTimeout(result, () -> exchange.cancel(true));
	}

	private static String describe(RouteIntegration integration, RouteRequest request) {
		return "Integration of route " + request.routeKey() + " ("
				+ ((integration.handler() != null) ? "in-process handler" : String.valueOf(integration.uri()))
				+ ") for connection " + request.connectionId();
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

	/**
	 * The queue of the handler pool: a call is given an idle thread, else a new one up to
	 * the maximum, and waits for a thread only once the maximum is busy. A plain
	 * {@link ThreadPoolExecutor} would instead start a new thread for every call until
	 * its core size (here up to 1,000 threads for as many quick calls), or queue calls
	 * while threads could still be started.
	 */
	private static final class HandlerQueue extends LinkedBlockingQueue<Runnable> {

		private transient @Nullable ThreadPoolExecutor executor;

		private HandlerQueue(int capacity) {
			super(capacity);
		}

		static ThreadPoolExecutor executor(int threads) {
			HandlerQueue queue = new HandlerQueue(threads);
			ThreadPoolExecutor executor = new ThreadPoolExecutor(0, threads, 60, TimeUnit.SECONDS, queue,
					new DefaultThreadFactory("apigw-emulator-handler", true));
			queue.executor = executor;
			return executor;
		}

		@Override
		public boolean offer(Runnable task) {
			ThreadPoolExecutor executor = Objects.requireNonNull(this.executor);
			// refusing the queue makes the executor start a thread, below its maximum
			if (executor.getPoolSize() < executor.getMaximumPoolSize()
					&& executor.getActiveCount() + size() >= executor.getPoolSize()) {
				return false;
			}
			return super.offer(task);
		}

	}

	@Override
	public void close() {
		this.handlers.shutdownNow();
		this.workers.shutdownNow();
	}

}
