package dev.apigw.websocket;

import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.DeleteConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.DeleteConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionResponse;

/**
 * The boundary between the one call pipeline of {@link ManagementCalls} and an SDK
 * client: the three calls as futures, and how a call waits before a retry. The blocking
 * adapter runs each call, and each wait, on the caller's thread, so a blocking operation
 * returns a completed future; the non-blocking adapter starts the call and waits on a
 * scheduler. A call may also throw what it fails with at once.
 */
interface ManagementClientAdapter extends ManagementCallRetry.RetryDelay {

	CompletableFuture<PostToConnectionResponse> post(PostToConnectionRequest request);

	CompletableFuture<GetConnectionResponse> get(GetConnectionRequest request);

	CompletableFuture<DeleteConnectionResponse> delete(DeleteConnectionRequest request);

	/**
	 * Adapt the sync client: calls and waits block the caller's thread.
	 * @param client the sync SDK client
	 * @return the adapter
	 */
	static ManagementClientAdapter blocking(ApiGatewayManagementApiClient client) {
		return new Blocking(client);
	}

	/**
	 * Adapt the async client: calls and waits block no thread.
	 * @param client the async SDK client
	 * @return the adapter
	 */
	static ManagementClientAdapter nonBlocking(ApiGatewayManagementApiAsyncClient client) {
		return new NonBlocking(client);
	}

	/**
	 * The sync client, on the caller's thread.
	 */
	final class Blocking implements ManagementClientAdapter {

		private final ApiGatewayManagementApiClient client;

		private Blocking(ApiGatewayManagementApiClient client) {
			this.client = client;
		}

		@Override
		public CompletableFuture<PostToConnectionResponse> post(PostToConnectionRequest request) {
			return CompletableFuture.completedFuture(this.client.postToConnection(request));
		}

		@Override
		public CompletableFuture<GetConnectionResponse> get(GetConnectionRequest request) {
			return CompletableFuture.completedFuture(this.client.getConnection(request));
		}

		@Override
		public CompletableFuture<DeleteConnectionResponse> delete(DeleteConnectionRequest request) {
			return CompletableFuture.completedFuture(this.client.deleteConnection(request));
		}

		@Override
		public CompletableFuture<@Nullable Void> after(long millis) {
			return ManagementCallRetry.RetryDelay.sleep(millis);
		}

	}

	/**
	 * The async client, waiting on a scheduler.
	 */
	final class NonBlocking implements ManagementClientAdapter {

		private final ApiGatewayManagementApiAsyncClient client;

		private NonBlocking(ApiGatewayManagementApiAsyncClient client) {
			this.client = client;
		}

		@Override
		public CompletableFuture<PostToConnectionResponse> post(PostToConnectionRequest request) {
			return this.client.postToConnection(request);
		}

		@Override
		public CompletableFuture<GetConnectionResponse> get(GetConnectionRequest request) {
			return this.client.getConnection(request);
		}

		@Override
		public CompletableFuture<DeleteConnectionResponse> delete(DeleteConnectionRequest request) {
			return this.client.deleteConnection(request);
		}

		@Override
		public CompletableFuture<@Nullable Void> after(long millis) {
			return ManagementCallRetry.RetryDelay.scheduled(millis);
		}

	}

}
