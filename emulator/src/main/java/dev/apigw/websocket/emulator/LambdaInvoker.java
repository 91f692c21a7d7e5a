package dev.apigw.websocket.emulator;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Calls Lambda proxy integrations, in process or through the Lambda Invoke API, within
 * the Lambda limits (timeout, response size, concurrency), and maps the function's result
 * as API Gateway does. Every failure is logged and completes the future exceptionally.
 */
final class LambdaInvoker {

	static final String FUNCTION_ERROR_HEADER = "X-Amz-Function-Error";

	private final IntegrationLimits limits;

	private final LambdaEvents events;

	private final ExecutorService workers;

	private final HttpClient http;

	private final IntegrationFailures failures;

	private final Semaphore running;

	LambdaInvoker(IntegrationLimits limits, LambdaEvents events, ExecutorService workers, HttpClient http,
			RefusalLog log) {
		this.limits = limits;
		this.events = events;
		this.workers = workers;
		this.http = http;
		this.failures = IntegrationFailures.ofLambda(limits, log);
		this.running = new Semaphore(limits.maxConcurrentLambdaInvocations());
	}

	LambdaEvents events() {
		return this.events;
	}

	CompletableFuture<IntegrationResult> invoke(RouteIntegration integration, Invocation invocation) {
		String target = describe(integration, invocation);
		if (!this.running.tryAcquire()) {
			return this.failures.fail(RefusalLog.Kind.LAMBDA_THROTTLED, target + " refused: "
					+ this.limits.maxConcurrentLambdaInvocations()
					+ " invocations are running (TooManyRequestsException, Rate Exceeded); raise maxConcurrentLambdaInvocations(...) or --lambda-concurrency",
					null);
		}
		CompletableFuture<IntegrationResult> result;
		try {
			Map<String, Object> event = this.events.event(invocation);
			LambdaHandler function = integration.lambdaHandler();
			result = (function != null) ? inProcess(function, event, target)
					: overHttp(Objects.requireNonNull(integration.uri()), event, target);
		}
		catch (RuntimeException ex) {
			this.running.release();
			return this.failures.error(target + " failed: " + ex, ex);
		}
		return result.orTimeout(this.limits.lambdaTimeout().toMillis(), TimeUnit.MILLISECONDS)
			.exceptionallyCompose((failure) -> this.failures.failed(failure, target));
	}

	private CompletableFuture<IntegrationResult> inProcess(LambdaHandler function, Map<String, Object> event,
			String target) {
		CompletableFuture<IntegrationResult> result = new CompletableFuture<>();
		Future<?> task;
		try {
			task = this.workers.submit(() -> {
				IntegrationResult value = null;
				Throwable failure = null;
				try {
					value = response(Json.write(function.handleRequest(event)), target);
				}
				catch (Throwable ex) {
					failure = ex;
				}
				finally {
					// a function that ignores the interrupt keeps its slot until it
					// returns, so that stuck functions cannot pile up threads without
					// bound; the slot is free before the client is answered, so that
					// its next message finds it
					this.running.release();
				}
				if (failure != null) {
					result.completeExceptionally(failure);
				}
				else {
					result.complete(value);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.running.release();
			throw ex;
		}
		result.whenComplete((value, failure) -> {
			if (failure instanceof TimeoutException) {
				task.cancel(true);
			}
		});
		return result;
	}

	private CompletableFuture<IntegrationResult> overHttp(java.net.URI uri, Map<String, Object> event, String target) {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.limits.lambdaTimeout())
			.header("Content-Type", "application/json")
			.header("X-Amz-Invocation-Type", "RequestResponse")
			.POST(HttpRequest.BodyPublishers.ofByteArray(Json.write(event)))
			.build();
		int max = this.limits.maxLambdaResponseBytes();
		// the caller's stages follow the release: the slot is free before the client is
		// answered
		return this.http
			.sendAsync(request, BoundedResponseBody.upTo(max, (bytes) -> this.failures.tooLarge(bytes, target)))
			.thenApply((response) -> invokeApiResponse(response, target))
			.whenComplete((value, failure) -> this.running.release());
	}

	private IntegrationResult invokeApiResponse(HttpResponse<byte[]> response, String target) {
		byte[] payload = response.body();
		if (response.statusCode() < 200 || response.statusCode() > 299) {
			String type = response.headers().firstValue("x-amzn-ErrorType").orElse("");
			throw new IntegrationFailure(RefusalLog.Kind.LAMBDA_ERROR,
					target + ": the Invoke API answered " + response.statusCode() + " " + type + " " + snippet(payload)
							+ " (check the endpoint and the function name)");
		}
		if (response.headers().firstValue(FUNCTION_ERROR_HEADER).isPresent()) {
			throw new IntegrationFailure(RefusalLog.Kind.LAMBDA_ERROR, target + ": function error "
					+ response.headers().firstValue(FUNCTION_ERROR_HEADER).get() + " " + snippet(payload));
		}
		return response(payload, target);
	}

	/**
	 * The function's result as API Gateway reads a Lambda proxy response: an object with
	 * {@code statusCode} gives the status and the {@code body} (Base64-decoded when
	 * {@code isBase64Encoded}); a Lambda error document ({@code errorMessage},
	 * {@code errorType}) is a function error; anything else is taken as status 200 with
	 * the payload as its body.
	 */
	IntegrationResult response(byte[] payload, String target) {
		if (payload.length > this.limits.maxLambdaResponseBytes()) {
			throw this.failures.tooLarge(payload.length, target);
		}
		JsonNode node;
		try {
			node = Json.MAPPER.readTree(payload);
		}
		catch (JacksonException ex) {
			throw new IntegrationFailure(RefusalLog.Kind.LAMBDA_ERROR,
					target + ": the function's response is not JSON: " + snippet(payload));
		}
		if (node == null || node.isNull() || node.isMissingNode()) {
			return new IntegrationResult(200, null);
		}
		if (node.isObject() && node.has("statusCode")) {
			JsonNode status = node.get("statusCode");
			int statusCode = status.isNumber() ? status.asInt() : parseStatus(status.asString(), target);
			if (statusCode < 100 || statusCode > 599) {
				throw new IntegrationFailure(RefusalLog.Kind.LAMBDA_ERROR,
						target + ": malformed Lambda proxy response, statusCode " + status);
			}
			return new IntegrationResult(statusCode, body(node, target));
		}
		if (node.isObject() && node.has("errorMessage") && node.has("errorType")) {
			throw new IntegrationFailure(RefusalLog.Kind.LAMBDA_ERROR, target + ": function error " + snippet(payload));
		}
		byte[] body = node.isString() ? node.asString().getBytes(StandardCharsets.UTF_8) : payload;
		return new IntegrationResult(200, body);
	}

	private static byte @Nullable [] body(JsonNode response, String target) {
		JsonNode body = response.get("body");
		if (body == null || body.isNull()) {
			return null;
		}
		String text = body.isString() ? body.asString() : body.toString();
		JsonNode base64 = response.get("isBase64Encoded");
		if (base64 != null && base64.asBoolean()) {
			try {
				return Base64.getDecoder().decode(text);
			}
			catch (IllegalArgumentException ex) {
				throw new IntegrationFailure(RefusalLog.Kind.LAMBDA_ERROR,
						target + ": isBase64Encoded is true but the body is not Base64");
			}
		}
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static int parseStatus(String status, String target) {
		try {
			return Integer.parseInt(status.trim());
		}
		catch (NumberFormatException ex) {
			throw new IntegrationFailure(RefusalLog.Kind.LAMBDA_ERROR,
					target + ": malformed Lambda proxy response, statusCode '" + status + "'");
		}
	}

	private static String describe(RouteIntegration integration, Invocation invocation) {
		RouteRequest request = invocation.request();
		return "Lambda integration of route " + request.routeKey() + " ("
				+ ((integration.lambdaHandler() != null) ? "in-process function" : String.valueOf(integration.uri()))
				+ ") for connection " + request.connectionId();
	}

	private static String snippet(byte[] payload) {
		String text = new String(payload, 0, Math.min(payload.length, 512), StandardCharsets.UTF_8);
		return (payload.length > 512) ? text + "..." : text;
	}

}
