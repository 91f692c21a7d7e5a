package dev.apigw.websocket;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GetConnectionResponse;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.Identity;

import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;
import dev.apigw.websocket.observation.ManagementObservationConvention;
import dev.apigw.websocket.payload.JacksonPayloadConverter;
import dev.apigw.websocket.payload.PayloadConverter;
import dev.apigw.websocket.registry.ConnectionLifecycle;
import dev.apigw.websocket.registry.ConnectionRegistry;
import dev.apigw.websocket.registry.ConnectionRegistryException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Sends to, looks up and disconnects the connections of an API Gateway WebSocket API
 * through the {@code @connections} management API, blocking (sync SDK client) or not
 * (async SDK client). Every call is retried per {@link RetrySettings} as far as its
 * {@link DeliveryMode} allows, each attempt is observed, and failures are classified by
 * HTTP status. A 410 prunes the connection from the registry (through its
 * {@link ConnectionLifecycle}), then publishes one {@link WebSocketConnectionGoneEvent};
 * neither changes the call's result.
 * <p>
 * As a {@link SmartLifecycle}, the template stops before the SDK clients are closed: from
 * then on it refuses new operations with an {@link IllegalStateException}, starts no
 * retry and no further broadcast post (those ids are
 * {@link BroadcastResult#notAttempted() not attempted}), and waits up to its shutdown
 * timeout for the calls in flight. Thread-safe; the SDK clients are not closed by the
 * template. Create one with {@link #builder()}.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class WebSocketConnectionTemplate
		implements WebSocketConnectionOperations, WebSocketConnectionAsyncOperations, SmartLifecycle {

	/**
	 * The largest payload API Gateway accepts per message, in bytes.
	 */
	public static final int MAX_PAYLOAD_BYTES = 131_072;

	/**
	 * The lifecycle phase of the template: below Spring Boot's web server phases, so that
	 * the template stops after the web server has finished its requests (which may still
	 * send) and, like every lifecycle stop, before the SDK client beans are closed.
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	/**
	 * Shutdown timeout used unless one is given: twice the default attempt timeout, so
	 * that an attempt in flight when the application stops can end by itself.
	 */
	public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	/**
	 * Delivery mode used unless one is given: a post that may have reached API Gateway is
	 * never repeated.
	 */
	public static final DeliveryMode DEFAULT_DELIVERY_MODE = DeliveryMode.AT_MOST_ONCE;

	private static final Log logger = LogFactory.getLog(WebSocketConnectionTemplate.class);

	private static final String JACKSON_MAPPER_CLASS = "tools.jackson.databind.json.JsonMapper";

	private final CallGate gate = new CallGate();

	// one pipeline: the sync operations walk it over the sync client, the others over the
	// async one
	private final ManagementCalls blocking;

	private final ManagementCalls nonBlocking;

	private final Broadcaster broadcaster;

	private final PayloadConverter payloadConverter;

	private final Duration shutdownTimeout;

	private final @Nullable ConnectionRegistry registry;

	private WebSocketConnectionTemplate(Builder builder, ApiGatewayManagementApiClient client,
			ApiGatewayManagementApiAsyncClient asyncClient, ManagementEndpoint endpoint) {
		ManagementErrorTranslator translator = new ManagementErrorTranslator(endpoint);
		ManagementClientAdapter asyncAdapter = ManagementClientAdapter.nonBlocking(asyncClient);
		this.nonBlocking = new ManagementCalls(asyncAdapter, endpoint,
				new ManagementCallRetry(builder.retrySettings, builder.deliveryMode, this.gate::isOpen),
				new ManagementCallObserver(builder.observationRegistry, builder.observationConvention),
				new ManagementMetrics(builder.meterRegistry, builder.observationConvention, endpoint), translator,
				new GoneConnectionHandler(endpoint.uri(), builder.connectionLifecycle, builder.eventPublisher));
		this.blocking = this.nonBlocking.through(ManagementClientAdapter.blocking(client));
		BroadcastOptions broadcastOptions = builder.broadcastOptions;
		this.broadcaster = new Broadcaster(this.nonBlocking, asyncAdapter, translator, this.gate, broadcastOptions,
				(builder.rateLimiter != null) ? builder.rateLimiter : rateLimiter(broadcastOptions));
		this.payloadConverter = (builder.payloadConverter != null) ? builder.payloadConverter
				: defaultPayloadConverter();
		this.shutdownTimeout = builder.shutdownTimeout;
		this.registry = builder.connectionRegistry;
	}

	private static @Nullable SendRateLimiter rateLimiter(BroadcastOptions options) {
		if (options.adaptive()) {
			return new AdaptiveRateLimiter(options.messagesPerSecond());
		}
		return options.rateLimited() ? new MessageRateLimiter(options.messagesPerSecond()) : null;
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
		join(post(this.blocking, requireConnectionId(connectionId), text(message)));
	}

	@Override
	public void send(String connectionId, byte[] data) {
		join(post(this.blocking, requireConnectionId(connectionId), bytes(data)));
	}

	@Override
	public void send(String connectionId, ByteBuffer data) {
		join(post(this.blocking, requireConnectionId(connectionId), remaining(data)));
	}

	@Override
	public void sendJson(String connectionId, Object payload) {
		join(post(this.blocking, requireConnectionId(connectionId), convert(payload)));
	}

	@Override
	public Optional<ConnectionInfo> getConnection(String connectionId) {
		return join(getConnection(this.blocking, requireConnectionId(connectionId)));
	}

	@Override
	public boolean disconnect(String connectionId) {
		return join(disconnect(this.blocking, requireConnectionId(connectionId)));
	}

	@Override
	public BroadcastResult broadcast(Collection<String> connectionIds, String message) {
		return join(broadcastAsync(connectionIds, message));
	}

	@Override
	public BroadcastResult broadcast(Collection<String> connectionIds, byte[] data) {
		return join(broadcastAsync(connectionIds, data));
	}

	@Override
	public BroadcastResult broadcastJson(Collection<String> connectionIds, Object payload) {
		return join(broadcastJsonAsync(connectionIds, payload));
	}

	@Override
	public CompletableFuture<Void> sendAsync(String connectionId, String message) {
		return post(this.nonBlocking, requireConnectionId(connectionId), text(message));
	}

	@Override
	public CompletableFuture<Void> sendAsync(String connectionId, byte[] data) {
		return post(this.nonBlocking, requireConnectionId(connectionId), bytes(data));
	}

	@Override
	public CompletableFuture<Void> sendAsync(String connectionId, ByteBuffer data) {
		return post(this.nonBlocking, requireConnectionId(connectionId), remaining(data));
	}

	@Override
	public CompletableFuture<Void> sendJsonAsync(String connectionId, Object payload) {
		return post(this.nonBlocking, requireConnectionId(connectionId), convert(payload));
	}

	@Override
	public CompletableFuture<Optional<ConnectionInfo>> getConnectionAsync(String connectionId) {
		return getConnection(this.nonBlocking, requireConnectionId(connectionId));
	}

	@Override
	public CompletableFuture<Boolean> disconnectAsync(String connectionId) {
		return disconnect(this.nonBlocking, requireConnectionId(connectionId));
	}

	@Override
	public CompletableFuture<BroadcastResult> broadcastAsync(Collection<String> connectionIds, String message) {
		return broadcastAsync(targets(connectionIds), sized(text(message)));
	}

	@Override
	public CompletableFuture<BroadcastResult> broadcastAsync(Collection<String> connectionIds, byte[] data) {
		return broadcastAsync(targets(connectionIds), sized(bytes(data)));
	}

	@Override
	public CompletableFuture<BroadcastResult> broadcastJsonAsync(Collection<String> connectionIds, Object payload) {
		return broadcastAsync(targets(connectionIds), sized(convert(payload)));
	}

	@Override
	public BroadcastResult sendToUser(String userId, String message) {
		return join(sendToUserAsync(userId, message));
	}

	@Override
	public BroadcastResult sendToUser(String userId, byte[] data) {
		return join(sendToUserAsync(userId, data));
	}

	@Override
	public BroadcastResult sendJsonToUser(String userId, Object payload) {
		return join(sendJsonToUserAsync(userId, payload));
	}

	@Override
	public BroadcastResult sendToGroup(String groupName, String message) {
		return join(sendToGroupAsync(groupName, message));
	}

	@Override
	public BroadcastResult sendToGroup(String groupName, byte[] data) {
		return join(sendToGroupAsync(groupName, data));
	}

	@Override
	public BroadcastResult sendJsonToGroup(String groupName, Object payload) {
		return join(sendJsonToGroupAsync(groupName, payload));
	}

	@Override
	public BroadcastResult sendToAll(String message) {
		return join(sendToAllAsync(message));
	}

	@Override
	public BroadcastResult sendToAll(byte[] data) {
		return join(sendToAllAsync(data));
	}

	@Override
	public BroadcastResult sendJsonToAll(Object payload) {
		return join(sendJsonToAllAsync(payload));
	}

	@Override
	public CompletableFuture<BroadcastResult> sendToUserAsync(String userId, String message) {
		return sendToRegistered(Recipients.user(userId), sized(text(message)));
	}

	@Override
	public CompletableFuture<BroadcastResult> sendToUserAsync(String userId, byte[] data) {
		return sendToRegistered(Recipients.user(userId), sized(bytes(data)));
	}

	@Override
	public CompletableFuture<BroadcastResult> sendJsonToUserAsync(String userId, Object payload) {
		return sendToRegistered(Recipients.user(userId), sized(convert(payload)));
	}

	@Override
	public CompletableFuture<BroadcastResult> sendToGroupAsync(String groupName, String message) {
		return sendToRegistered(Recipients.group(groupName), sized(text(message)));
	}

	@Override
	public CompletableFuture<BroadcastResult> sendToGroupAsync(String groupName, byte[] data) {
		return sendToRegistered(Recipients.group(groupName), sized(bytes(data)));
	}

	@Override
	public CompletableFuture<BroadcastResult> sendJsonToGroupAsync(String groupName, Object payload) {
		return sendToRegistered(Recipients.group(groupName), sized(convert(payload)));
	}

	@Override
	public CompletableFuture<BroadcastResult> sendToAllAsync(String message) {
		return sendToRegistered(Recipients.all(), sized(text(message)));
	}

	@Override
	public CompletableFuture<BroadcastResult> sendToAllAsync(byte[] data) {
		return sendToRegistered(Recipients.all(), sized(bytes(data)));
	}

	@Override
	public CompletableFuture<BroadcastResult> sendJsonToAllAsync(Object payload) {
		return sendToRegistered(Recipients.all(), sized(convert(payload)));
	}

	// the registry is asked inside the gate, so that a stopped template asks nothing; a
	// failed lookup fails the future, never one id
	private CompletableFuture<BroadcastResult> sendToRegistered(Recipients recipients, SdkBytes data) {
		ConnectionRegistry registry = this.registry;
		if (registry == null) {
			throw new IllegalStateException("WebSocketConnectionTemplate has no ConnectionRegistry to look up "
					+ recipients.description() + ": choose one with 'apigw.websocket.registry.type' (in-memory, "
					+ "redis or dynamodb) or set WebSocketConnectionTemplate.builder().connectionRegistry(...)");
		}
		return admitted(() -> "a send to " + recipients.description(), () -> {
			List<String> targets;
			try {
				targets = targets(recipients.lookUp(registry));
			}
			catch (ConnectionRegistryException ex) {
				return CompletableFuture.failedFuture(ex);
			}
			catch (RuntimeException ex) {
				return CompletableFuture.failedFuture(new ConnectionRegistryException(
						registry.getClass().getSimpleName(), recipients.operation(), ex));
			}
			return this.broadcaster.broadcast(targets, data);
		});
	}

	/**
	 * Nothing to start: the template accepts operations from its creation until
	 * {@link #stop()}, and again after this method.
	 */
	@Override
	public void start() {
		this.gate.open();
	}

	/**
	 * Refuse new operations and wait, at most the shutdown timeout, for those in flight.
	 */
	@Override
	public void stop() {
		stopping().join();
	}

	/**
	 * Refuse new operations, and run the callback once those in flight have finished or
	 * the shutdown timeout has passed, without blocking the caller.
	 * @param callback the callback to run when stopped
	 */
	@Override
	public void stop(Runnable callback) {
		stopping().whenComplete((stopped, failure) -> callback.run());
	}

	@Override
	public boolean isRunning() {
		return this.gate.isOpen();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private CompletableFuture<@Nullable Void> stopping() {
		CompletableFuture<Boolean> drained = this.gate.close().thenApply((none) -> true);
		CompletableFuture<Boolean> timedOut = CompletableFuture.supplyAsync(() -> false,
				CompletableFuture.delayedExecutor(this.shutdownTimeout.toNanos(), TimeUnit.NANOSECONDS, Runnable::run));
		return drained.applyToEither(timedOut, (inTime) -> {
			if (!inTime) {
				logger.warn(this.gate.inFlight() + " WebSocket management operation(s) still in flight after the "
						+ "shutdown timeout of " + this.shutdownTimeout + "; closing the SDK clients aborts them "
						+ "(a post may or may not have been delivered)");
			}
			return null;
		});
	}

	private CompletableFuture<BroadcastResult> broadcastAsync(List<String> targets, SdkBytes data) {
		return admitted(() -> "a broadcast to " + targets.size() + " connection(s)",
				() -> this.broadcaster.broadcast(targets, data));
	}

	private CompletableFuture<Void> post(ManagementCalls calls, String connectionId, SdkBytes payload) {
		SdkBytes data = sized(payload);
		return admitted(() -> call(ManagementOperation.POST, connectionId), () -> calls.post(connectionId, data));
	}

	// the gone connection was handled by the calls: it only decides the result here
	private CompletableFuture<Optional<ConnectionInfo>> getConnection(ManagementCalls calls, String connectionId) {
		return admitted(() -> call(ManagementOperation.GET, connectionId),
				() -> whenGone(
						calls.get(connectionId)
							.thenApply((response) -> Optional.of(connectionInfo(connectionId, response))),
						Optional.empty()));
	}

	private CompletableFuture<Boolean> disconnect(ManagementCalls calls, String connectionId) {
		return admitted(() -> call(ManagementOperation.DELETE, connectionId),
				() -> whenGone(calls.delete(connectionId).thenApply((deleted) -> true), false));
	}

	private <T> CompletableFuture<T> admitted(Supplier<String> operation, Supplier<CompletableFuture<T>> call) {
		this.gate.enter(operation);
		CompletableFuture<T> future;
		try {
			future = call.get();
		}
		catch (Throwable ex) {
			this.gate.exit();
			throw ex;
		}
		// the caller's future completes before the operation leaves the gate, so that a
		// stop, once done, finds every admitted operation's future completed
		CompletableFuture<T> admitted = new CompletableFuture<>();
		future.whenComplete((result, failure) -> {
			try {
				if (failure != null) {
					admitted.completeExceptionally(failure);
				}
				else {
					admitted.complete(result);
				}
			}
			finally {
				this.gate.exit();
			}
		});
		return admitted;
	}

	private static <T> CompletableFuture<T> whenGone(CompletableFuture<T> call, T goneResult) {
		return call.exceptionallyCompose((failure) -> {
			Throwable cause = ManagementErrorTranslator.unwrap(failure);
			return (cause instanceof ConnectionGoneException) ? CompletableFuture.completedFuture(goneResult)
					: CompletableFuture.failedFuture(cause);
		});
	}

	private static String call(ManagementOperation operation, String connectionId) {
		return operation.apiName() + " for connection '" + connectionId + "'";
	}

	// a blocking operation's future is completed by then: its failure is thrown as it is
	private static <T> T join(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error cause) {
				throw cause;
			}
			throw ex;
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

		private DeliveryMode deliveryMode = DEFAULT_DELIVERY_MODE;

		private @Nullable ConnectionLifecycle connectionLifecycle;

		private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;

		private @Nullable SendRateLimiter rateLimiter;

		private @Nullable ConnectionRegistry connectionRegistry;

		private Builder() {
		}

		/**
		 * Set the sync SDK client, configured with the endpoint and with SDK retries off
		 * (this template owns retries).
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
		 * Set the delivery guarantee of posts; defaults to
		 * {@link #DEFAULT_DELIVERY_MODE}.
		 * @param deliveryMode the delivery mode
		 * @return this builder
		 */
		public Builder deliveryMode(DeliveryMode deliveryMode) {
			Assert.notNull(deliveryMode, "'deliveryMode' must not be null");
			this.deliveryMode = deliveryMode;
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
		 * Set the publisher of {@link WebSocketConnectionGoneEvent}s. What a listener
		 * throws is logged, not propagated to the call.
		 * @param eventPublisher the publisher, or {@code null} to publish no events
		 * @return this builder
		 */
		public Builder eventPublisher(@Nullable ApplicationEventPublisher eventPublisher) {
			this.eventPublisher = eventPublisher;
			return this;
		}

		/**
		 * Set the lifecycle that removes a connection from the registry when API Gateway
		 * reports it gone, before the gone event is published.
		 * @param connectionLifecycle the lifecycle, or {@code null} to prune nothing
		 * @return this builder
		 */
		public Builder connectionLifecycle(@Nullable ConnectionLifecycle connectionLifecycle) {
			this.connectionLifecycle = connectionLifecycle;
			return this;
		}

		/**
		 * Set how long {@link WebSocketConnectionTemplate#stop()} waits for the
		 * operations in flight; defaults to {@link #DEFAULT_SHUTDOWN_TIMEOUT}.
		 * @param shutdownTimeout the timeout, not negative
		 * @return this builder
		 */
		public Builder shutdownTimeout(Duration shutdownTimeout) {
			Assert.notNull(shutdownTimeout, "'shutdownTimeout' must not be null");
			Assert.isTrue(!shutdownTimeout.isNegative(),
					() -> "'shutdownTimeout' must not be negative, was " + shutdownTimeout);
			this.shutdownTimeout = shutdownTimeout;
			return this;
		}

		/**
		 * Set the limiter that paces the calls of broadcasts, instead of one built from
		 * the {@link #broadcastOptions(BroadcastOptions) broadcast options}; for example
		 * one shared by every instance of a fleet.
		 * @param rateLimiter the rate limiter
		 * @return this builder
		 */
		public Builder rateLimiter(SendRateLimiter rateLimiter) {
			Assert.notNull(rateLimiter, "'rateLimiter' must not be null");
			this.rateLimiter = rateLimiter;
			return this;
		}

		/**
		 * Set the registry that {@code sendToUser}, {@code sendToGroup} and
		 * {@code sendToAll} look their connections up in; without one they fail.
		 * Typically the registry of the {@link #connectionLifecycle(ConnectionLifecycle)
		 * lifecycle}, so that the connections found gone are pruned from it.
		 * @param connectionRegistry the registry, or {@code null} for none
		 * @return this builder
		 */
		public Builder connectionRegistry(@Nullable ConnectionRegistry connectionRegistry) {
			this.connectionRegistry = connectionRegistry;
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
