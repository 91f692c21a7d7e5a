package dev.apigw.websocket;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.DeleteConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.DeleteConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionResponse;

import dev.apigw.websocket.ManagementCallRetry.RetryDelay;

/**
 * The boundary between the one call pipeline of {@link ManagementCalls} and an SDK
 * client: the three calls as futures, and how a call waits before a retry. Over the sync
 * client, each call and each wait runs on the caller's thread, so a blocking operation
 * gets a completed future; over the async client, nothing blocks. A call may also throw
 * what it fails with at once.
 *
 * @param post starts a {@code PostToConnection} call
 * @param get starts a {@code GetConnection} call
 * @param delete starts a {@code DeleteConnection} call
 * @param delay how a call waits before a retry
 */
record ManagementClientAdapter(Function<PostToConnectionRequest, CompletableFuture<PostToConnectionResponse>> post,
		Function<GetConnectionRequest, CompletableFuture<GetConnectionResponse>> get,
		Function<DeleteConnectionRequest, CompletableFuture<DeleteConnectionResponse>> delete, RetryDelay delay) {

	static ManagementClientAdapter blocking(ApiGatewayManagementApiClient client) {
		return new ManagementClientAdapter(
				(request) -> CompletableFuture.completedFuture(client.postToConnection(request)),
				(request) -> CompletableFuture.completedFuture(client.getConnection(request)),
				(request) -> CompletableFuture.completedFuture(client.deleteConnection(request)), RetryDelay::sleep);
	}

	static ManagementClientAdapter nonBlocking(ApiGatewayManagementApiAsyncClient client) {
		return new ManagementClientAdapter(client::postToConnection, client::getConnection, client::deleteConnection,
				RetryDelay::scheduled);
	}

}
