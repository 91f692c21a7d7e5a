package dev.apigw.websocket.emulator;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * One WebSocket handshake: asks the {@code $connect} integration first (off the event
 * loop), then completes the upgrade or rejects it with the integration's status.
 */
final class WebSocketUpgrade {

	/**
	 * Handshake headers that describe the hop or the WebSocket protocol, not the client.
	 */
	private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-authenticate",
			"proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host", "content-length", "expect",
			"connectionid", "routekey", "eventtype", "requesttimeepoch", "disconnectstatuscode", "disconnectreason");

	private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
			"proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "content-length", "expect");

	private static final IntegrationResult INTERNAL_SERVER_ERROR = new IntegrationResult(500,
			"Internal server error".getBytes(StandardCharsets.UTF_8));

	private static final WebSocketDecoderConfig DECODER_CONFIG = WebSocketDecoderConfig.newBuilder()
		.maxFramePayloadLength(LiveConnection.MAX_FRAME_BYTES)
		.closeOnProtocolViolation(true)
		.build();

	private final EmulatorContext context;

	private final Channel channel;

	private final FullHttpRequest request;

	private final LiveConnection connection;

	private WebSocketUpgrade(EmulatorContext context, Channel channel, FullHttpRequest request) {
		this.context = context;
		this.channel = channel;
		this.request = request;
		String userAgent = request.headers().get(HttpHeaderNames.USER_AGENT, "");
		this.connection = new LiveConnection(context.connections().newId(), channel, sourceIp(channel), userAgent,
				context.settings().messageHistory());
	}

	/**
	 * Start the handshake; takes ownership of the request.
	 */
	static void start(EmulatorContext context, Channel channel, FullHttpRequest request, @Nullable String query) {
		new WebSocketUpgrade(context, channel, request).askConnectRoute(query);
	}

	private void askConnectRoute(@Nullable String query) {
		RouteIntegration integration = this.context.routes().get(Routes.CONNECT);
		if (integration == null) {
			handshake();
			return;
		}
		RouteRequest routeRequest = new RouteRequest(Routes.CONNECT, EventType.CONNECT, this.connection.id(),
				new byte[0], false, System.currentTimeMillis(), forwardedHeaders(), query, 0, null);
		this.context.events()
			.invoke(integration, new Invocation(routeRequest, this.connection, handshakeHeaders()))
			.whenComplete((response, failure) -> this.channel.eventLoop().execute(() -> {
				if (failure == null && response.isSuccessful()) {
					handshake();
				}
				else {
					reject((failure != null) ? INTERNAL_SERVER_ERROR : response);
				}
			}));
	}

	/**
	 * All handshake headers but the hop-by-hop ones, multi-valued, as a Lambda event
	 * carries them ({@code Host} and {@code Sec-WebSocket-*} included, as in AWS's).
	 */
	private Map<String, List<String>> handshakeHeaders() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (String name : this.request.headers().names()) {
			if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
				headers.put(name, List.copyOf(this.request.headers().getAll(name)));
			}
		}
		return headers;
	}

	private Map<String, String> forwardedHeaders() {
		Map<String, String> headers = new LinkedHashMap<>();
		for (String name : this.request.headers().names()) {
			String lowerCase = name.toLowerCase(Locale.ROOT);
			if (!NOT_FORWARDED.contains(lowerCase) && !lowerCase.startsWith("sec-websocket-")) {
				headers.put(name, String.join(", ", this.request.headers().getAll(name)));
			}
		}
		return headers;
	}

	private void reject(IntegrationResult response) {
		try {
			byte[] body = response.body();
			FullHttpResponse rejection = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
					HttpResponseStatus.valueOf(response.statusCode()),
					(body != null) ? Unpooled.wrappedBuffer(body) : Unpooled.EMPTY_BUFFER);
			rejection.headers().set(HttpHeaderNames.CONTENT_LENGTH, rejection.content().readableBytes());
			ManagementResponses.send(this.channel, false, rejection);
		}
		finally {
			ReferenceCountUtil.release(this.request);
		}
	}

	private void handshake() {
		try {
			if (!this.channel.isActive()) {
				return;
			}
			String url = "ws://" + this.request.headers().get(HttpHeaderNames.HOST, "127.0.0.1") + "/"
					+ this.context.settings().stage();
			WebSocketServerHandshaker handshaker = new WebSocketServerHandshakerFactory(url, null, DECODER_CONFIG)
				.newHandshaker(this.request);
			if (handshaker == null) {
				WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(this.channel);
				return;
			}
			installSessionHandlers(this.channel.pipeline());
			handshaker.handshake(this.channel, this.request).addListener((ChannelFutureListener) (future) -> {
				if (future.isSuccess()) {
					opened();
				}
				else {
					future.channel().close();
				}
			});
		}
		finally {
			ReferenceCountUtil.release(this.request);
		}
	}

	private void installSessionHandlers(ChannelPipeline pipeline) {
		pipeline.remove(HttpEntryHandler.class);
		pipeline.remove(HttpConnectionGuard.class);
		pipeline.remove(HttpConnectionGuard.HEAD_WATCHER);
		long idleMillis = this.context.settings().idleTimeout().toMillis();
		// RFC 6455: a text message that is not UTF-8 fails the connection with 1007
		pipeline.addLast(new Utf8FrameValidator(true));
		pipeline.addLast(new IdleStateHandler(0, 0, idleMillis, TimeUnit.MILLISECONDS));
		pipeline.addLast(PausedReadFilter.INSTANCE);
		pipeline.addLast(new WebSocketFrameAggregator(EmulatorSettings.MAX_MESSAGE_BYTES));
		pipeline.addLast(new WebSocketSessionHandler(this.connection, this.context.events()));
	}

	private void opened() {
		if (!this.channel.isActive()) {
			return;
		}
		this.context.connections().add(this.connection);
		this.connection.limitDuration(this.context.settings().maxConnectionDuration().toMillis());
		// the HTTP guard stopped reading while the handshake waited for $connect
		this.connection.startReading();
	}

	private static String sourceIp(Channel channel) {
		return (channel.remoteAddress() instanceof InetSocketAddress address) ? address.getAddress().getHostAddress()
				: "";
	}

}
