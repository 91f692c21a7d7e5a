package dev.apigw.websocket;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.Identity;

import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;
import dev.apigw.websocket.observation.ManagementCallObserver;
import dev.apigw.websocket.observation.ManagementMetrics;
import dev.apigw.websocket.observation.ManagementObservationConvention;
import dev.apigw.websocket.payload.JacksonPayloadConverter;
import dev.apigw.websocket.payload.PayloadConverter;
import dev.apigw.websocket.retry.ManagementCallRetry;
import dev.apigw.websocket.retry.RetrySettings;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Sends to, looks up and disconnects the connections of an API Gateway WebSocket API
 * through the {@code @connections} management API, blocking (sync SDK client) or not
 * (async SDK client). Every call is retried per {@link RetrySettings}, each attempt is
 * observed, failures are classified by HTTP status, and every 410 publishes one
 * {@link WebSocketConnectionGoneEvent}. Thread-safe; the SDK clients are not closed by
 * the template. Create one with {@link #builder()}.
 *
 * @author apigw-websocket
 */
public final class WebSocketConnectionTemplate
		implements WebSocketConnectionOperations, WebSocketConnectionAsyncOperations {

	/**
	 * The largest payload API Gateway accepts per message, in bytes.
	 */
	public static final int MAX_PAYLOAD_BYTES = 131_072;

	private static final String JACKSON_MAPPER_CLASS = "tools.jackson.databind.json.JsonMapper";

	private final ManagementEndpoint endpoint;

	private final ManagementCalls calls;

	private final Broadcaster broadcaster;

	private final PayloadConverter payloadConverter;

	private final @Nullable ApplicationEventPublisher eventPublisher;

	private WebSocketConnectionTemplate(Builder builder, ApiGatewayManagementApiClient client,
			ApiGatewayManagementApiAsyncClient asyncClient, ManagementEndpoint endpoint) {
		ManagementErrorTranslator translator = new ManagementErrorTranslator(endpoint);
		this.endpoint = endpoint;
		this.calls = new ManagementCalls(client, asyncClient, endpoint, new ManagementCallRetry(builder.retrySettings),
				new ManagementCallObserver(builder.observationRegistry, builder.observationConvention),
				new ManagementMetrics(builder.meterRegistry, endpoint), translator);
		this.broadcaster = new Broadcaster(this.calls, translator, builder.broadcastOptions, this::publishGone);
		this.payloadConverter = (builder.payloadConverter != null) ? builder.payloadConverter
				: defaultPayloadConverter();
		this.eventPublisher = builder.eventPublisher;
	}

	/**
	 * Return a new builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void send(String connectionId, String message) {
		post(requireConnectionId(connectionId), text(message));
	}

	@Override
	public void send(String connectionId, byte[] data) {
		post(requireConnectionId(connectionId), bytes(data));
	}

	@Override
	public void send(String connectionId, ByteBuffer data) {
		post(requireConnectionId(connectionId), remaining(data));
	}

	@Override
	public void sendJson(String connectionId, Object payload) {
		post(requireConnectionId(connectionId), convert(payload));
	}

	@Override
	public Optional<ConnectionInfo> getConnection(String connectionId) {
		requireConnectionId(connectionId);
		try {
			return Optional.of(connectionInfo(connectionId, this.calls.get(connectionId)));
		}
		catch (ConnectionGoneException ex) {
			publishGone(ex);
			return Optional.empty();
		}
	}

	@Override
	public boolean disconnect(String connectionId) {
		requireConnectionId(connectionId);
		try {
			this.calls.delete(connectionId);
			return true;
		}
		catch (ConnectionGoneException ex) {
			publishGone(ex);
			return false;
		}
	}

	@Override
	public BroadcastResult broadcast(Collection<String> connectionIds, String message) {
		return broadcastAsync(connectionIds, message).join();
	}

	@Override
	public BroadcastResult broadcast(Collection<String> connectionIds, byte[] data) {
		return broadcastAsync(connectionIds, data).join();
	}

	@Override
	public BroadcastResult broadcastJson(Collection<String> connectionIds, Object payload) {
		return broadcastJsonAsync(connectionIds, payload).join();
	}

	@Override
	public CompletableFuture<Void> sendAsync(String connectionId, String message) {
		return postAsync(requireConnectionId(connectionId), text(message));
	}

	@Override
	public CompletableFuture<Void> sendAsync(String connectionId, byte[] data) {
		return postAsync(requireConnectionId(connectionId), bytes(data));
	}

	@Override
	public CompletableFuture<Void> sendAsync(String connectionId, ByteBuffer data) {
		return postAsync(requireConnectionId(connectionId), remaining(data));
	}

	@Override
	public CompletableFuture<Void> sendJsonAsync(String connectionId, Object payload) {
		return postAsync(requireConnectionId(connectionId), convert(payload));
	}

	@Override
	public CompletableFuture<Optional<ConnectionInfo>> getConnectionAsync(String connectionId) {
		requireConnectionId(connectionId);
		return whenGone(this.calls.getAsync(connectionId)
			.thenApply((response) -> Optional.of(connectionInfo(connectionId, response))),
				(gone) -> CompletableFuture.completedFuture(Optional.empty()));
	}

	@Override
	public CompletableFuture<Boolean> disconnectAsync(String connectionId) {
		requireConnectionId(connectionId);
		return whenGone(this.calls.deleteAsync(connectionId).thenApply((deleted) -> true),
				(gone) -> CompletableFuture.completedFuture(false));
	}

	@Override
	public CompletableFuture<BroadcastResult> broadcastAsync(Collection<String> connectionIds, String message) {
		List<String> targets = targets(connectionIds);
		return this.broadcaster.broadcast(targets, sized(text(message)));
	}

	@Override
	public CompletableFuture<BroadcastResult> broadcastAsync(Collection<String> connectionIds, byte[] data) {
		List<String> targets = targets(connectionIds);
		return this.broadcaster.broadcast(targets, sized(bytes(data)));
	}

	@Override
	public CompletableFuture<BroadcastResult> broadcastJsonAsync(Collection<String> connectionIds, Object payload) {
		List<String> targets = targets(connectionIds);
		return this.broadcaster.broadcast(targets, sized(convert(payload)));
	}

	private void post(String connectionId, SdkBytes payload) {
		SdkBytes data = sized(payload);
		try {
			this.calls.post(connectionId, data);
		}
		catch (ConnectionGoneException ex) {
			publishGone(ex);
			throw ex;
		}
	}

	private CompletableFuture<Void> postAsync(String connectionId, SdkBytes payload) {
		return whenGone(this.calls.postAsync(connectionId, sized(payload)), CompletableFuture::failedFuture);
	}

	private <T> CompletableFuture<T> whenGone(CompletableFuture<T> call,
			Function<ConnectionGoneException, CompletableFuture<T>> goneResult) {
		return call.exceptionallyCompose((failure) -> {
			Throwable cause = ManagementErrorTranslator.unwrap(failure);
			if (cause instanceof ConnectionGoneException gone) {
				publishGone(gone);
				return goneResult.apply(gone);
			}
			return CompletableFuture.failedFuture(cause);
		});
	}

	private void publishGone(ConnectionGoneException ex) {
		if (this.eventPublisher != null) {
			this.eventPublisher.publishEvent(new WebSocketConnectionGoneEvent(ex.connectionId(), ex.operation(),
					this.endpoint.uri(), Instant.now()));
		}
	}

	private SdkBytes convert(Object payload) {
		Assert.notNull(payload, "'payload' must not be null");
		return SdkBytes.fromByteArray(this.payloadConverter.convert(payload));
	}

	private static String requireConnectionId(String connectionId) {
		Assert.hasText(connectionId, "'connectionId' must not be blank");
		return connectionId;
	}

	private static List<String> targets(Collection<String> connectionIds) {
		Assert.notNull(connectionIds, "'connectionIds' must not be null");
		Set<String> distinct = new LinkedHashSet<>(connectionIds.size());
		for (String connectionId : connectionIds) {
			Assert.hasText(connectionId, "'connectionIds' must not contain a null or blank id");
			distinct.add(connectionId);
		}
		return List.copyOf(distinct);
	}

	// Each payload becomes SdkBytes with a single copy, so that a caller changing its
	// array or buffer afterwards cannot change what is retried or broadcast.
	private static SdkBytes text(String message) {
		Assert.notNull(message, "'message' must not be null");
		return SdkBytes.fromUtf8String(message);
	}

	private static SdkBytes bytes(byte[] data) {
		Assert.notNull(data, "'data' must not be null");
		return SdkBytes.fromByteArray(data);
	}

	// copies the remaining bytes without moving the buffer's position
	private static SdkBytes remaining(ByteBuffer data) {
		Assert.notNull(data, "'data' must not be null");
		return SdkBytes.fromByteBuffer(data);
	}

	private static SdkBytes sized(SdkBytes payload) {
		int length = payload.asByteArrayUnsafe().length;
		if (length > MAX_PAYLOAD_BYTES) {
			throw new IllegalArgumentException("Payload is " + length + " bytes, more than the " + MAX_PAYLOAD_BYTES
					+ " bytes API Gateway accepts per message; split it or send a reference");
		}
		return payload;
	}

	private static ConnectionInfo connectionInfo(String connectionId, GetConnectionResponse response) {
		Identity identity = response.identity();
		return new ConnectionInfo(connectionId, response.connectedAt(), response.lastActiveAt(),
				(identity != null) ? identity.sourceIp() : null, (identity != null) ? identity.userAgent() : null);
	}

	private static PayloadConverter defaultPayloadConverter() {
		if (ClassUtils.isPresent(JACKSON_MAPPER_CLASS, WebSocketConnectionTemplate.class.getClassLoader())) {
			return new JacksonPayloadConverter();
		}
		return (payload) -> {
			throw new IllegalStateException("No PayloadConverter to send " + payload.getClass().getName()
					+ " as JSON: add Jackson 3 (tools.jackson.core:jackson-databind) to the classpath "
					+ "or set WebSocketConnectionTemplate.builder().payloadConverter(...)");
		};
	}

	/**
	 * Builder of {@link WebSocketConnectionTemplate}; the sync client, the async client
	 * and the endpoint are required.
	 */
	public static final class Builder {

		private @Nullable ApiGatewayManagementApiClient client;

		private @Nullable ApiGatewayManagementApiAsyncClient asyncClient;

		private @Nullable ManagementEndpoint endpoint;

		private @Nullable PayloadConverter payloadConverter;

		private RetrySettings retrySettings = RetrySettings.defaults();

		private BroadcastOptions broadcastOptions = BroadcastOptions.defaults();

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable ManagementObservationConvention observationConvention;

		private @Nullable MeterRegistry meterRegistry;

		private @Nullable ApplicationEventPublisher eventPublisher;

		private Builder() {
		}

		/**
		 * Set the sync SDK client, configured with the endpoint and with SDK retries
		 * off (this template owns retries).
		 * @param client the client
		 * @return this builder
		 */
		public Builder client(ApiGatewayManagementApiClient client) {
			Assert.notNull(client, "'client' must not be null");
			this.client = client;
			return this;
		}

		/**
		 * Set the async SDK client, used by the async operations and broadcasts,
		 * configured like the sync one.
		 * @param asyncClient the client
		 * @return this builder
		 */
		public Builder asyncClient(ApiGatewayManagementApiAsyncClient asyncClient) {
			Assert.notNull(asyncClient, "'asyncClient' must not be null");
			this.asyncClient = asyncClient;
			return this;
		}

		/**
		 * Set the endpoint the clients talk to, used to tag observations and events.
		 * @param endpoint the endpoint
		 * @return this builder
		 */
		public Builder endpoint(ManagementEndpoint endpoint) {
			Assert.notNull(endpoint, "'endpoint' must not be null");
			this.endpoint = endpoint;
			return this;
		}

		/**
		 * Set the converter of {@code sendJson} and {@code broadcastJson} payloads;
		 * defaults to Jackson 3 when it is on the classpath.
		 * @param payloadConverter the converter
		 * @return this builder
		 */
		public Builder payloadConverter(PayloadConverter payloadConverter) {
			Assert.notNull(payloadConverter, "'payloadConverter' must not be null");
			this.payloadConverter = payloadConverter;
			return this;
		}

		/**
		 * Set the retry settings; defaults to {@link RetrySettings#defaults()}.
		 * @param retrySettings the settings
		 * @return this builder
		 */
		public Builder retrySettings(RetrySettings retrySettings) {
			Assert.notNull(retrySettings, "'retrySettings' must not be null");
			this.retrySettings = retrySettings;
			return this;
		}

		/**
		 * Set the broadcast options; defaults to {@link BroadcastOptions#defaults()}.
		 * @param broadcastOptions the options
		 * @return this builder
		 */
		public Builder broadcastOptions(BroadcastOptions broadcastOptions) {
			Assert.notNull(broadcastOptions, "'broadcastOptions' must not be null");
			this.broadcastOptions = broadcastOptions;
			return this;
		}

		/**
		 * Set the observation registry; defaults to {@link ObservationRegistry#NOOP}.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			Assert.notNull(observationRegistry, "'observationRegistry' must not be null");
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Set a custom observation convention.
		 * @param observationConvention the convention, or {@code null} for the default
		 * @return this builder
		 */
		public Builder observationConvention(@Nullable ManagementObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Set the meter registry of the retry and payload size meters.
		 * @param meterRegistry the registry, or {@code null} for no such meters
		 * @return this builder
		 */
		public Builder meterRegistry(@Nullable MeterRegistry meterRegistry) {
			this.meterRegistry = meterRegistry;
			return this;
		}

		/**
		 * Set the publisher of {@link WebSocketConnectionGoneEvent}s.
		 * @param eventPublisher the publisher, or {@code null} to publish no events
		 * @return this builder
		 */
		public Builder eventPublisher(@Nullable ApplicationEventPublisher eventPublisher) {
			this.eventPublisher = eventPublisher;
			return this;
		}

		/**
		 * Build the template.
		 * @return the template
		 */
		public WebSocketConnectionTemplate build() {
			Assert.state(this.client != null, "'client' (the sync ApiGatewayManagementApiClient) is required");
			Assert.state(this.asyncClient != null,
					"'asyncClient' (the ApiGatewayManagementApiAsyncClient) is required");
			Assert.state(this.endpoint != null, "'endpoint' (the ManagementEndpoint) is required");
			return new WebSocketConnectionTemplate(this, this.client, this.asyncClient, this.endpoint);
		}

	}

}
