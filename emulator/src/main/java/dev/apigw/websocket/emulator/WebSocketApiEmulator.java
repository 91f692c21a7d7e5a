package dev.apigw.websocket.emulator;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * A local Amazon API Gateway WebSocket API: WebSocket clients connect to
 * {@link #webSocketUri()}, the unmodified AWS SDK talks to {@link #managementEndpoint()},
 * and route integrations are HTTP endpoints or in-process handlers. Start one with
 * {@link #builder()}; close it when done.
 *
 * @since 0.1.0
 */
public final class WebSocketApiEmulator implements AutoCloseable {

	private static final int BACKLOG = 4096;

	private static final String DEFAULT_API_ID = "emulator";

	private final EmulatorFaults faults;

	private final RouteInvoker invoker;

	private final EmulatorContext context;

	private final EventLoopGroup group;

	private final Channel serverChannel;

	private final int port;

	private final AtomicBoolean closed = new AtomicBoolean();

	private WebSocketApiEmulator(EmulatorSettings settings, Routes routes, Supplier<String> connectionIds) {
		ConnectionTable connections = new ConnectionTable(connectionIds);
		this.faults = new EmulatorFaults(connections);
		RefusalLog refusals = new RefusalLog();
		this.invoker = new RouteInvoker(settings.integrationLimits(),
				new LambdaEvents(settings.stage(), settings.apiId(), settings.host()), refusals);
		this.context = EmulatorContext.create(settings, routes, connections, this.invoker, this.faults, refusals);
		this.group = newEventLoopGroup();
		ChannelFuture bind = new ServerBootstrap().group(this.group)
			.channel(NioServerSocketChannel.class)
			.option(ChannelOption.SO_BACKLOG, BACKLOG)
			.childOption(ChannelOption.TCP_NODELAY, true)
			.childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(512 * 1024, 1024 * 1024))
			.childHandler(new EmulatorChannelInitializer(this.context))
			.bind(settings.host(), settings.port())
			.awaitUninterruptibly();
		if (!bind.isSuccess()) {
			shutdown();
			throw new IllegalStateException("Could not bind the emulator to " + settings.host() + ":" + settings.port()
					+ "; choose a free port or 0 for an ephemeral one", bind.cause());
		}
		this.serverChannel = bind.channel();
		this.port = ((InetSocketAddress) this.serverChannel.localAddress()).getPort();
		this.invoker.lambdaEvents().domainName(authority());
	}

	/**
	 * One event loop group API that exists in Netty 4.1 and 4.2 alike, so the emulator
	 * runs with the Netty of the AWS SDK (4.1) and of Spring Boot 4 (4.2). Daemon
	 * threads: a forgotten emulator never keeps a JVM alive.
	 */
	@SuppressWarnings("deprecation")
	private static EventLoopGroup newEventLoopGroup() {
		return new NioEventLoopGroup(0, new DefaultThreadFactory("apigw-emulator", true));
	}

	/**
	 * Start building an emulator.
	 * @return a builder with API Gateway's defaults
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Port the emulator listens on (the ephemeral one when 0 was asked for).
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Address the emulator listens on.
	 * @return the host
	 */
	public String host() {
		return this.context.settings().host();
	}

	/**
	 * Stage name, the first path segment of every URL.
	 * @return the stage
	 */
	public String stage() {
		return this.context.settings().stage();
	}

	/**
	 * Where WebSocket clients connect.
	 * @return {@code ws://{host}:{port}/{stage}}
	 */
	public URI webSocketUri() {
		return URI.create("ws://" + authority() + "/" + stage());
	}

	/**
	 * Management API endpoint, for the AWS SDK client's {@code endpointOverride}.
	 * @return {@code http://{host}:{port}/{stage}}
	 */
	public URI managementEndpoint() {
		return URI.create("http://" + authority() + "/" + stage());
	}

	private String authority() {
		String host = host();
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + this.port;
	}

	/**
	 * API id, the {@code apiId} of Lambda events.
	 * @return the API id
	 */
	public String apiId() {
		return this.context.settings().apiId();
	}

	/**
	 * Set or replace a route's integration; takes effect for the next event.
	 * @param routeKey {@code $connect}, {@code $disconnect}, {@code $default} or a custom
	 * route key
	 * @param integration the integration
	 * @return this emulator
	 */
	public WebSocketApiEmulator route(String routeKey, RouteIntegration integration) {
		this.context.routes().put(routeKey, integration);
		return this;
	}

	/**
	 * Remove a route's integration.
	 * @param routeKey route key
	 * @return {@code true} if the route had an integration
	 */
	public boolean removeRoute(String routeKey) {
		return this.context.routes().remove(routeKey);
	}

	/**
	 * Current route integrations.
	 * @return route key to integration, a copy
	 */
	public Map<String, RouteIntegration> routes() {
		return this.context.routes().all();
	}

	/**
	 * Snapshot of the open connections, oldest first.
	 * @return the connections with what each sent and received
	 */
	public List<EmulatedConnection> connections() {
		return this.context.connections()
			.all()
			.stream()
			.map(LiveConnection::snapshot)
			.sorted(Comparator.comparing(EmulatedConnection::connectedAt))
			.toList();
	}

	/**
	 * Snapshot of one open connection.
	 * @param connectionId connection id, not encoded
	 * @return the connection, or empty when unknown or closed
	 */
	public Optional<EmulatedConnection> connection(String connectionId) {
		Objects.requireNonNull(connectionId, "'connectionId' must not be null");
		return Optional.ofNullable(this.context.connections().findOpen(connectionId)).map(LiveConnection::snapshot);
	}

	EmulatorContext context() {
		return this.context;
	}

	/**
	 * Faults to inject, for tests.
	 * @return the faults of this emulator
	 */
	public EmulatorFaults faults() {
		return this.faults;
	}

	/**
	 * Whether the emulator still accepts connections and requests.
	 * @return {@code false} once closed
	 */
	public boolean isRunning() {
		return !this.closed.get();
	}

	/**
	 * Stop listening and close every connection with 1001 "Going away" (without calling
	 * {@code $disconnect}). Idempotent.
	 */
	@Override
	public void close() {
		if (this.closed.compareAndSet(false, true)) {
			this.context.events().stop();
			this.serverChannel.close().awaitUninterruptibly();
			this.context.connections()
				.all()
				.forEach((connection) -> connection.close(LiveConnection.GOING_AWAY, LiveConnection.GOING_AWAY_REASON));
			shutdown();
		}
	}

	private void shutdown() {
		this.group.shutdownGracefully(50, 2000, TimeUnit.MILLISECONDS).awaitUninterruptibly();
		this.invoker.close();
	}

	@Override
	public String toString() {
		return "WebSocketApiEmulator[" + webSocketUri() + "]";
	}

	/**
	 * Builder of {@link WebSocketApiEmulator}; defaults follow API Gateway: stage
	 * {@code local}, route selection {@code $request.body.action}, 10,000 requests per
	 * second with a burst of 5,000, idle timeout 10 minutes, maximum connection duration
	 * 2 hours, no signature check. Its limits (connections, buffered request bytes, HTTP
	 * timeouts, messages waiting for integrations, integration calls) keep one slow or
	 * greedy client from exhausting the emulator.
	 */
	public static final class Builder {

		private String host = "127.0.0.1";

		private int port;

		private String stage = "local";

		private final Map<String, RouteIntegration> routes = new LinkedHashMap<>();

		private RouteSelectionExpression routeSelectionExpression = RouteSelectionExpression
			.parse("$request.body.action");

		private double throttlePerSecond = 10_000;

		private int throttleBurst = 5_000;

		private @Nullable SigningVerification signing;

		private Duration idleTimeout = Duration.ofMinutes(10);

		private Duration maxConnectionDuration = Duration.ofHours(2);

		private int messageHistory = 100;

		private int maxConnections = EmulatorLimits.DEFAULT_MAX_CONNECTIONS;

		private long maxRequestBufferBytes = EmulatorLimits.DEFAULT_MAX_REQUEST_BUFFER_BYTES;

		private Duration httpRequestTimeout = EmulatorLimits.DEFAULT_HTTP_REQUEST_TIMEOUT;

		private Duration httpIdleTimeout = EmulatorLimits.DEFAULT_HTTP_IDLE_TIMEOUT;

		private int maxPendingMessages = EmulatorLimits.DEFAULT_MAX_PENDING_MESSAGES;

		private long maxPendingMessageBytes = EmulatorLimits.DEFAULT_MAX_PENDING_MESSAGE_BYTES;

		private Supplier<String> connectionIds = ConnectionIds::next;

		private String apiId = DEFAULT_API_ID;

		private Duration integrationTimeout = IntegrationLimits.DEFAULT_TIMEOUT;

		private int maxIntegrationResponseBytes = IntegrationLimits.DEFAULT_MAX_INTEGRATION_RESPONSE_BYTES;

		private int maxConcurrentIntegrations = IntegrationLimits.DEFAULT_MAX_CONCURRENT_INTEGRATIONS;

		private Duration lambdaTimeout = IntegrationLimits.DEFAULT_TIMEOUT;

		private int maxLambdaResponseBytes = IntegrationLimits.DEFAULT_MAX_LAMBDA_RESPONSE_BYTES;

		private int maxConcurrentLambdaInvocations = IntegrationLimits.DEFAULT_MAX_LAMBDA_CONCURRENCY;

		private Builder() {
		}

		/**
		 * Address to bind.
		 * @param host host name or IP address, default {@code 127.0.0.1}
		 * @return this builder
		 */
		public Builder host(String host) {
			if (host == null || host.isBlank()) {
				throw new IllegalArgumentException("'host' must not be blank");
			}
			this.host = host;
			return this;
		}

		/**
		 * Port to bind.
		 * @param port 1 to 65535, or 0 (default) for an ephemeral port
		 * @return this builder
		 */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("'port' must be between 0 and 65535 but was " + port);
			}
			this.port = port;
			return this;
		}

		/**
		 * Stage name.
		 * @param stage one path segment of letters, digits, {@code -} and {@code _};
		 * default {@code local}
		 * @return this builder
		 */
		public Builder stage(String stage) {
			if (stage == null || !stage.matches("[A-Za-z0-9_-]{1,128}")) {
				throw new IllegalArgumentException(
						"'stage' must be 1 to 128 letters, digits, '-' or '_' (e.g. 'local') but was '" + stage + "'");
			}
			this.stage = stage;
			return this;
		}

		/**
		 * Set a route's integration.
		 * @param routeKey {@code $connect}, {@code $disconnect}, {@code $default} or a
		 * custom key
		 * @param integration the integration
		 * @return this builder
		 */
		public Builder route(String routeKey, RouteIntegration integration) {
			this.routes.put(Routes.validKey(routeKey),
					Objects.requireNonNull(integration, "'integration' must not be null"));
			return this;
		}

		/**
		 * Route selection expression.
		 * @param expression {@code $request.body.} followed by a dotted JSON path;
		 * default {@code $request.body.action}
		 * @return this builder
		 */
		public Builder routeSelectionExpression(String expression) {
			this.routeSelectionExpression = RouteSelectionExpression.parse(expression);
			return this;
		}

		/**
		 * Rate limit of the management API, a token bucket shared by all requests.
		 * @param requestsPerSecond refill rate, greater than 0
		 * @param burst bucket size, at least 1
		 * @return this builder
		 */
		public Builder throttling(double requestsPerSecond, int burst) {
			if (!(requestsPerSecond > 0)) {
				throw new IllegalArgumentException("'requestsPerSecond' must be greater than 0 but was "
						+ requestsPerSecond + "; use throttlingDisabled() to turn throttling off");
			}
			if (burst < 1) {
				throw new IllegalArgumentException("'burst' must be at least 1 but was " + burst);
			}
			this.throttlePerSecond = requestsPerSecond;
			this.throttleBurst = burst;
			return this;
		}

		/**
		 * Turn the management API rate limit off.
		 * @return this builder
		 */
		public Builder throttlingDisabled() {
			this.throttlePerSecond = 0;
			return this;
		}

		/**
		 * Require management requests to be signed with these credentials and region.
		 * @param signing expected credentials and region
		 * @return this builder
		 */
		public Builder signing(SigningVerification signing) {
			this.signing = Objects.requireNonNull(signing, "'signing' must not be null");
			return this;
		}

		/**
		 * Time without any frame after which a connection is closed with 1001 "Going
		 * away".
		 * @param idleTimeout positive duration, default 10 minutes
		 * @return this builder
		 */
		public Builder idleTimeout(Duration idleTimeout) {
			this.idleTimeout = positive(idleTimeout, "idleTimeout");
			return this;
		}

		/**
		 * Time after which any connection is closed with 1001 "Going away".
		 * @param maxConnectionDuration positive duration, default 2 hours
		 * @return this builder
		 */
		public Builder maxConnectionDuration(Duration maxConnectionDuration) {
			this.maxConnectionDuration = positive(maxConnectionDuration, "maxConnectionDuration");
			return this;
		}

		/**
		 * Messages kept per connection and direction for {@link #connections()}.
		 * @param messages 0 to keep none, default 100
		 * @return this builder
		 */
		public Builder messageHistory(int messages) {
			if (messages < 0) {
				throw new IllegalArgumentException("'messageHistory' must not be negative but was " + messages);
			}
			this.messageHistory = messages;
			return this;
		}

		/**
		 * TCP connections, HTTP and WebSocket alike, served at once. A connection over
		 * the limit gets {@code 503 Service Unavailable} for its first request and is
		 * closed.
		 * @param maxConnections at least 1, default 20,000
		 * @return this builder
		 */
		public Builder maxConnections(int maxConnections) {
			if (maxConnections < 1) {
				throw new IllegalArgumentException("'maxConnections' must be at least 1 but was " + maxConnections);
			}
			this.maxConnections = maxConnections;
			return this;
		}

		/**
		 * Request body bytes buffered across all HTTP connections at once. A request
		 * whose body would exceed it gets {@code 503 Service Unavailable}.
		 * @param bytes at least 1 MB (the largest body the emulator reads), default 64 MB
		 * @return this builder
		 */
		public Builder maxRequestBufferBytes(long bytes) {
			if (bytes < ManagementBodyAggregator.MAX_READ_BYTES) {
				throw new IllegalArgumentException("'maxRequestBufferBytes' must be at least "
						+ ManagementBodyAggregator.MAX_READ_BYTES + " (one whole request) but was " + bytes);
			}
			this.maxRequestBufferBytes = bytes;
			return this;
		}

		/**
		 * Time a client has to send one whole HTTP request (a WebSocket handshake or a
		 * management call), from its first byte, or from the opening of the connection
		 * for its first request. A partly sent request is then answered
		 * {@code 408 Request Timeout}; a connection that sent nothing is closed.
		 * @param timeout positive duration, default 10 seconds
		 * @return this builder
		 */
		public Builder httpRequestTimeout(Duration timeout) {
			this.httpRequestTimeout = positive(timeout, "httpRequestTimeout");
			return this;
		}

		/**
		 * Time a keep-alive HTTP connection may wait for its next request before it is
		 * closed.
		 * @param timeout positive duration, default 75 seconds (longer than the AWS SDK
		 * keeps idle connections)
		 * @return this builder
		 */
		public Builder httpIdleTimeout(Duration timeout) {
			this.httpIdleTimeout = positive(timeout, "httpIdleTimeout");
			return this;
		}

		/**
		 * Client messages of one connection read but not yet handled by their
		 * integration. At this many the emulator stops reading from the connection until
		 * one is handled, as a server applying backpressure does: the client's sends then
		 * wait, nothing is lost.
		 * @param messages at least 1, default 32
		 * @return this builder
		 */
		public Builder maxPendingMessages(int messages) {
			if (messages < 1) {
				throw new IllegalArgumentException("'maxPendingMessages' must be at least 1 but was " + messages);
			}
			this.maxPendingMessages = messages;
			return this;
		}

		/**
		 * Bytes of client messages that wait for their integrations, across all
		 * connections. At this many the emulator stops reading from each connection that
		 * sends another message, until enough are handled.
		 * @param bytes at least 128 KB (one whole message), default 64 MB
		 * @return this builder
		 */
		public Builder maxPendingMessageBytes(long bytes) {
			if (bytes < EmulatorSettings.MAX_MESSAGE_BYTES) {
				throw new IllegalArgumentException("'maxPendingMessageBytes' must be at least "
						+ EmulatorSettings.MAX_MESSAGE_BYTES + " (one whole message) but was " + bytes);
			}
			this.maxPendingMessageBytes = bytes;
			return this;
		}

		/**
		 * API id, sent as {@code requestContext.apiId} in Lambda events.
		 * @param apiId 1 to 64 lowercase letters and digits; default {@code emulator}
		 * @return this builder
		 */
		public Builder apiId(String apiId) {
			if (apiId == null || !apiId.matches("[a-z0-9]{1,64}")) {
				throw new IllegalArgumentException(
						"'apiId' must be 1 to 64 lowercase letters and digits (e.g. 'abc123defg') but was '" + apiId
								+ "'");
			}
			this.apiId = apiId;
			return this;
		}

		/**
		 * Time one call of an HTTP integration or in-process {@link RouteHandler} may
		 * take. Beyond it the call is abandoned (an HTTP exchange is cancelled, a handler
		 * is interrupted and its concurrency permit given back at once), logged, and
		 * answered as a failed integration: {@code $connect} is refused with 500, a
		 * message gets {@code {"message": "Internal server error", ...}}.
		 * @param timeout positive duration, default 29 seconds (API Gateway's integration
		 * timeout)
		 * @return this builder
		 */
		public Builder integrationTimeout(Duration timeout) {
			this.integrationTimeout = positive(timeout, "integrationTimeout");
			return this;
		}

		/**
		 * Largest HTTP integration response read, on routes whose answer is used (a route
		 * response, or {@code $connect}). A larger one is not buffered (its stream is
		 * cancelled); it is logged and answered as a failed integration.
		 * @param bytes at least 1, default 128 KB (API Gateway's message size, the most a
		 * route response can send back)
		 * @return this builder
		 */
		public Builder maxIntegrationResponseBytes(int bytes) {
			if (bytes < 1) {
				throw new IllegalArgumentException("'maxIntegrationResponseBytes' must be at least 1 but was " + bytes);
			}
			this.maxIntegrationResponseBytes = bytes;
			return this;
		}

		/**
		 * HTTP integration and in-process {@link RouteHandler} calls running at once,
		 * across all routes; in-process handlers run on at most this many threads. One
		 * more is refused without being called, logged, and answered as a failed
		 * integration.
		 * @param calls at least 1, default 1,000 (as many as Lambda's default
		 * concurrency)
		 * @return this builder
		 */
		public Builder maxConcurrentIntegrations(int calls) {
			if (calls < 1) {
				throw new IllegalArgumentException("'maxConcurrentIntegrations' must be at least 1 but was " + calls);
			}
			this.maxConcurrentIntegrations = calls;
			return this;
		}

		/**
		 * Time one Lambda invocation may take. Beyond it the invocation is abandoned (an
		 * in-process function is interrupted), logged, and answered as a failed
		 * integration: {@code $connect} is refused with 500, a message gets
		 * {@code {"message": "Internal server error", ...}}.
		 * @param timeout positive duration, default 29 seconds (API Gateway's integration
		 * timeout)
		 * @return this builder
		 */
		public Builder lambdaTimeout(Duration timeout) {
			this.lambdaTimeout = positive(timeout, "lambdaTimeout");
			return this;
		}

		/**
		 * Largest Lambda response read. A larger one is not buffered; it is logged and
		 * answered as a failed integration.
		 * @param bytes at least 1, default 6 MB (Lambda's limit of a synchronous
		 * response)
		 * @return this builder
		 */
		public Builder maxLambdaResponseBytes(int bytes) {
			if (bytes < 1) {
				throw new IllegalArgumentException("'maxLambdaResponseBytes' must be at least 1 but was " + bytes);
			}
			this.maxLambdaResponseBytes = bytes;
			return this;
		}

		/**
		 * Lambda invocations running at once across all Lambda integrations, like a
		 * function's concurrency limit. One more is refused without being called (as
		 * Lambda's {@code TooManyRequestsException}), logged, and answered as a failed
		 * integration.
		 * @param invocations at least 1, default 1,000 (Lambda's default account
		 * concurrency)
		 * @return this builder
		 */
		public Builder maxConcurrentLambdaInvocations(int invocations) {
			if (invocations < 1) {
				throw new IllegalArgumentException(
						"'maxConcurrentLambdaInvocations' must be at least 1 but was " + invocations);
			}
			this.maxConcurrentLambdaInvocations = invocations;
			return this;
		}

		/**
		 * Where new connection ids come from, for tests that need ids with particular
		 * characters.
		 */
		Builder connectionIds(Supplier<String> connectionIds) {
			this.connectionIds = Objects.requireNonNull(connectionIds, "'connectionIds' must not be null");
			return this;
		}

		/**
		 * Bind the port and start serving.
		 * @return the running emulator
		 * @throws IllegalStateException if the port cannot be bound
		 */
		public WebSocketApiEmulator start() {
			EmulatorLimits limits = new EmulatorLimits(this.maxConnections, this.maxRequestBufferBytes,
					this.httpRequestTimeout, this.httpIdleTimeout, this.maxPendingMessages,
					this.maxPendingMessageBytes);
			EmulatorSettings settings = new EmulatorSettings(this.host, this.port, this.stage, this.throttlePerSecond,
					this.throttleBurst, this.signing, this.idleTimeout, this.maxConnectionDuration, this.messageHistory,
					limits, this.apiId,
					new IntegrationLimits(this.integrationTimeout, this.maxIntegrationResponseBytes,
							this.maxConcurrentIntegrations, this.lambdaTimeout, this.maxLambdaResponseBytes,
							this.maxConcurrentLambdaInvocations));
			return new WebSocketApiEmulator(settings, new Routes(this.routeSelectionExpression, this.routes),
					this.connectionIds);
		}

		private static Duration positive(Duration duration, String name) {
			Objects.requireNonNull(duration, "'" + name + "' must not be null");
			if (duration.isZero() || duration.isNegative()) {
				throw new IllegalArgumentException("'" + name + "' must be positive but was " + duration);
			}
			return duration;
		}

	}

}
