package dev.apigw.websocket;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.DeleteConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionRequest;

/**
 * The three management calls, each one walk down the layers: retry, then one observation
 * per attempt, then the SDK client (through its {@link ManagementClientAdapter}), whose
 * failures are translated by HTTP status. A call that ends gone goes to the
 * {@link GoneConnectionHandler} before its caller sees the
 * {@link ConnectionGoneException}. Blocking and non-blocking calls take the same walk;
 * over the blocking adapter the returned future is already completed.
 */
final class ManagementCalls {

	private final ManagementClientAdapter client;

	private final ManagementEndpoint endpoint;

	private final ManagementCallRetry retry;

	private final ManagementCallObserver observer;

	private final ManagementMetrics metrics;

	private final ManagementErrorTranslator translator;

	private final GoneConnectionHandler goneHandler;

	ManagementCalls(ManagementClientAdapter client, ManagementEndpoint endpoint, ManagementCallRetry retry,
			ManagementCallObserver observer, ManagementMetrics metrics, ManagementErrorTranslator translator,
			GoneConnectionHandler goneHandler) {
		this.client = client;
		this.endpoint = endpoint;
		this.retry = retry;
		this.observer = observer;
		this.metrics = metrics;
		this.translator = translator;
		this.goneHandler = goneHandler;
	}

	/**
	 * Return calls that share every layer with these but reach the SDK through another
	 * adapter.
	 */
	ManagementCalls through(ManagementClientAdapter client) {
		return new ManagementCalls(client, this.endpoint, this.retry, this.observer, this.metrics, this.translator,
				this.goneHandler);
	}

	CompletableFuture<Void> post(String connectionId, SdkBytes data) {
		// recorded once per post, however many attempts it takes
		this.metrics.payloadPosted(data.asByteArrayUnsafe().length);
		PostToConnectionRequest request = PostToConnectionRequest.builder()
			.connectionId(connectionId)
			.data(data)
			.build();
		return call(connectionId, ManagementOperation.POST, () -> this.client.post().apply(request))
			.thenApply((response) -> null);
	}

	CompletableFuture<GetConnectionResponse> get(String connectionId) {
		GetConnectionRequest request = GetConnectionRequest.builder().connectionId(connectionId).build();
		return call(connectionId, ManagementOperation.GET, () -> this.client.get().apply(request));
	}

	CompletableFuture<Void> delete(String connectionId) {
		DeleteConnectionRequest request = DeleteConnectionRequest.builder().connectionId(connectionId).build();
		return call(connectionId, ManagementOperation.DELETE, () -> this.client.delete().apply(request))
			.thenApply((response) -> null);
	}

	// the gone handler runs before the returned future completes, so the caller sees the
	// registry pruned; gone is never retried, so the call's last failure is the one 410
	private <T> CompletableFuture<T> call(String connectionId, ManagementOperation operation,
			Supplier<CompletableFuture<T>> sdkCall) {
		return this.retry.execute((attempt) -> attempt(connectionId, operation, attempt, sdkCall), this.client.delay())
			.whenComplete((result, failure) -> {
				if (failure != null
						&& ManagementErrorTranslator.unwrap(failure) instanceof ConnectionGoneException gone) {
					this.goneHandler.connectionGone(gone);
				}
			});
	}

	private <T> CompletableFuture<T> attempt(String connectionId, ManagementOperation operation, int attempt,
			Supplier<CompletableFuture<T>> sdkCall) {
		if (attempt > 1) {
			this.metrics.retried(operation);
		}
		return this.observer.observe(connectionId, operation, this.endpoint, attempt,
				() -> translated(sdkCall, connectionId, operation));
	}

	// completes with the translated exception itself, not wrapped, as the retry layer
	// expects
	private <T> CompletableFuture<T> translated(Supplier<CompletableFuture<T>> sdkCall, String connectionId,
			ManagementOperation operation) {
		CompletableFuture<T> sdkFuture;
		try {
			sdkFuture = sdkCall.get();
		}
		catch (RuntimeException | LinkageError ex) {
			// a LinkageError is mixed SDK versions: a configuration failure with a fix to
			// name
			return CompletableFuture.failedFuture(this.translator.translate(ex, connectionId, operation));
		}
		CompletableFuture<T> translated = new CompletableFuture<>();
		sdkFuture.whenComplete((response, failure) -> {
			if (failure == null) {
				translated.complete(response);
			}
			else {
				translated.completeExceptionally(this.translator.translate(failure, connectionId, operation));
			}
		});
		return translated;
	}

}
