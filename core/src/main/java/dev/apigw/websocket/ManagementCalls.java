package dev.apigw.websocket;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.DeleteConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionRequest;

import dev.apigw.websocket.observation.ManagementCallContext;
import dev.apigw.websocket.observation.ManagementCallObserver;
import dev.apigw.websocket.observation.ManagementMetrics;
import dev.apigw.websocket.retry.ManagementCallRetry;

/**
 * The three management calls, each one walk down the layers: retry, then one observation
 * per attempt, then the SDK client, whose failures are translated by HTTP status. A call
 * that ends gone goes to the {@link GoneConnectionHandler} before its caller sees the
 * {@link ConnectionGoneException}.
 */
final class ManagementCalls {

	private final ApiGatewayManagementApiClient client;

	private final ApiGatewayManagementApiAsyncClient asyncClient;

	private final ManagementEndpoint endpoint;

	private final ManagementCallRetry retry;

	private final ManagementCallObserver observer;

	private final ManagementMetrics metrics;

	private final ManagementErrorTranslator translator;

	private final GoneConnectionHandler goneHandler;

	ManagementCalls(ApiGatewayManagementApiClient client, ApiGatewayManagementApiAsyncClient asyncClient,
			ManagementEndpoint endpoint, ManagementCallRetry retry, ManagementCallObserver observer,
			ManagementMetrics metrics, ManagementErrorTranslator translator, GoneConnectionHandler goneHandler) {
		this.client = client;
		this.asyncClient = asyncClient;
		this.endpoint = endpoint;
		this.retry = retry;
		this.observer = observer;
		this.metrics = metrics;
		this.translator = translator;
		this.goneHandler = goneHandler;
	}

	void post(String connectionId, SdkBytes data) {
		PostToConnectionRequest request = postRequest(connectionId, data);
		handleGone(() -> this.retry.execute((attempt) -> call(connectionId, ManagementOperation.POST, attempt,
				() -> this.client.postToConnection(request))));
	}

	CompletableFuture<Void> postAsync(String connectionId, SdkBytes data) {
		PostToConnectionRequest request = postRequest(connectionId, data);
		return handleGoneAsync(this.retry.executeAsync((attempt) -> callAsync(connectionId, ManagementOperation.POST,
				attempt, () -> this.asyncClient.postToConnection(request))))
			.thenApply((response) -> null);
	}

	GetConnectionResponse get(String connectionId) {
		GetConnectionRequest request = GetConnectionRequest.builder().connectionId(connectionId).build();
		return handleGone(() -> this.retry.execute((attempt) -> call(connectionId, ManagementOperation.GET, attempt,
				() -> this.client.getConnection(request))));
	}

	CompletableFuture<GetConnectionResponse> getAsync(String connectionId) {
		GetConnectionRequest request = GetConnectionRequest.builder().connectionId(connectionId).build();
		return handleGoneAsync(this.retry.executeAsync((attempt) -> callAsync(connectionId, ManagementOperation.GET,
				attempt, () -> this.asyncClient.getConnection(request))));
	}

	void delete(String connectionId) {
		DeleteConnectionRequest request = DeleteConnectionRequest.builder().connectionId(connectionId).build();
		handleGone(() -> this.retry.execute((attempt) -> call(connectionId, ManagementOperation.DELETE, attempt,
				() -> this.client.deleteConnection(request))));
	}

	CompletableFuture<Void> deleteAsync(String connectionId) {
		DeleteConnectionRequest request = DeleteConnectionRequest.builder().connectionId(connectionId).build();
		return handleGoneAsync(this.retry.executeAsync((attempt) -> callAsync(connectionId,
				ManagementOperation.DELETE, attempt, () -> this.asyncClient.deleteConnection(request))))
			.thenApply((response) -> null);
	}

	// records the payload size once per post, however many attempts it takes
	private PostToConnectionRequest postRequest(String connectionId, SdkBytes data) {
		this.metrics.payloadPosted(data.asByteArrayUnsafe().length);
		return PostToConnectionRequest.builder().connectionId(connectionId).data(data).build();
	}

	// gone is never retried, so the call's last failure is the one 410
	private <T> T handleGone(Supplier<T> retriedCall) {
		try {
			return retriedCall.get();
		}
		catch (ConnectionGoneException ex) {
			this.goneHandler.connectionGone(ex);
			throw ex;
		}
	}

	// the handler runs before the returned future completes, so the caller sees the registry pruned
	private <T> CompletableFuture<T> handleGoneAsync(CompletableFuture<T> retriedCall) {
		return retriedCall.whenComplete((result, failure) -> {
			if (failure != null && ManagementErrorTranslator.unwrap(failure) instanceof ConnectionGoneException ex) {
				this.goneHandler.connectionGone(ex);
			}
		});
	}

	private <T> T call(String connectionId, ManagementOperation operation, int attempt, Supplier<T> sdkCall) {
		return this.observer.observe(context(connectionId, operation, attempt), () -> {
			try {
				return sdkCall.get();
			}
			catch (RuntimeException | LinkageError ex) {
				// a LinkageError is mixed SDK versions: a configuration failure with a fix to name
				throw this.translator.translate(ex, connectionId, operation);
			}
		});
	}

	private <T> CompletableFuture<T> callAsync(String connectionId, ManagementOperation operation, int attempt,
			Supplier<CompletableFuture<T>> sdkCall) {
		return this.observer.observeAsync(context(connectionId, operation, attempt), () -> {
			try {
				return translated(sdkCall.get(), connectionId, operation);
			}
			catch (RuntimeException | LinkageError ex) {
				throw this.translator.translate(ex, connectionId, operation);
			}
		});
	}

	private <T> CompletableFuture<T> translated(CompletableFuture<T> sdkFuture, String connectionId,
			ManagementOperation operation) {
		// completes with the translated exception itself, not wrapped, as the retry layer expects
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

	private ManagementCallContext context(String connectionId, ManagementOperation operation, int attempt) {
		if (attempt > 1) {
			this.metrics.retried(operation);
		}
		return new ManagementCallContext(connectionId, operation, this.endpoint, attempt);
	}

}
