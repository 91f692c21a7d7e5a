package dev.apigw.websocket.testfixture;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.jspecify.annotations.Nullable;

/**
 * A {@code @connections} stub on 127.0.0.1 that answers posts as API Gateway does under
 * its account rate limit: a token bucket (rate and burst) admits a post (200) or refuses
 * it with 429 {@code LimitExceededException}, optionally after an added latency. It
 * counts the TCP connections it accepted, the posts, the 429s and the distinct ids
 * delivered, so that tests and measurements can tell what a client cost the server.
 * Keep-alive as HTTP/1.1 wants it; every body is read before the answer.
 */
public final class RateLimitedManagementServer implements AutoCloseable {

	private static final int MAX_BODY = 256 * 1024;

	private static final String CONNECTIONS = "/@connections/";

	private final EventLoopGroup group;

	private final Channel server;

	private final String stage;

	private final AtomicLong connections = new AtomicLong();

	private final AtomicLong closedConnections = new AtomicLong();

	private final AtomicLong posts = new AtomicLong();

	private final AtomicLong throttled = new AtomicLong();

	private final AtomicLong inFlight = new AtomicLong();

	private final AtomicLong peakInFlight = new AtomicLong();

	private final Set<String> delivered = ConcurrentHashMap.newKeySet();

	private volatile Duration latency = Duration.ZERO;

	private volatile @Nullable Bucket bucket;

	private RateLimitedManagementServer(String stage, int threads) throws InterruptedException {
		this.stage = stage;
		this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
		this.server = new ServerBootstrap().group(this.group)
			.channel(NioServerSocketChannel.class)
			.childHandler(new ChannelInitializer<SocketChannel>() {
				@Override
				protected void initChannel(SocketChannel channel) {
					RateLimitedManagementServer.this.connections.incrementAndGet();
					channel.closeFuture()
						.addListener((closed) -> RateLimitedManagementServer.this.closedConnections.incrementAndGet());
					channel.pipeline()
						.addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY), new Handler());
				}
			})
			.bind(new InetSocketAddress("127.0.0.1", 0))
			.sync()
			.channel();
	}

	/**
	 * Start a server with stage {@code prod}, no rate limit and no latency.
	 * @return the running server; the caller closes it
	 */
	public static RateLimitedManagementServer start() {
		try {
			return new RateLimitedManagementServer("prod", 2);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while binding", ex);
		}
	}

	/**
	 * Limit posts with a token bucket, full at first.
	 * @param perSecond the tokens added per second
	 * @param burst the bucket's capacity
	 * @return this
	 */
	public RateLimitedManagementServer rateLimit(double perSecond, int burst) {
		this.bucket = new Bucket(perSecond, burst);
		return this;
	}

	/**
	 * Answer every request this much later.
	 * @param latency the added latency
	 * @return this
	 */
	public RateLimitedManagementServer latency(Duration latency) {
		this.latency = latency;
		return this;
	}

	/**
	 * Return the management endpoint, stage included.
	 * @return the endpoint
	 */
	public URI endpoint() {
		return URI.create(
				"http://127.0.0.1:" + ((InetSocketAddress) this.server.localAddress()).getPort() + "/" + this.stage);
	}

	/**
	 * Return the number of TCP connections accepted so far.
	 * @return the count
	 */
	public long connections() {
		return this.connections.get();
	}

	/**
	 * Return the number of accepted TCP connections that were closed since, by either
	 * side.
	 * @return the count
	 */
	public long closedConnections() {
		return this.closedConnections.get();
	}

	/**
	 * Return the number of posts answered or being answered.
	 * @return the count
	 */
	public long posts() {
		return this.posts.get();
	}

	/**
	 * Return the number of posts answered with 429.
	 * @return the count
	 */
	public long throttled() {
		return this.throttled.get();
	}

	/**
	 * Return the largest number of requests received and not yet answered at once.
	 * @return the peak
	 */
	public long peakInFlight() {
		return this.peakInFlight.get();
	}

	/**
	 * Return the distinct connection ids posted to with success.
	 * @return the ids, a live view
	 */
	public Set<String> delivered() {
		return this.delivered;
	}

	@Override
	public void close() {
		this.server.close().syncUninterruptibly();
		this.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
	}

	private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {

		@Override
		protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
			boolean keepAlive = HttpUtil.isKeepAlive(request);
			long current = RateLimitedManagementServer.this.inFlight.incrementAndGet();
			RateLimitedManagementServer.this.peakInFlight.accumulateAndGet(current, Math::max);
			FullHttpResponse response = answer(request);
			Runnable write = () -> {
				RateLimitedManagementServer.this.inFlight.decrementAndGet();
				if (keepAlive) {
					response.headers().set(HttpHeaderNames.CONNECTION, "keep-alive");
					context.writeAndFlush(response);
				}
				else {
					context.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
				}
			};
			Duration delay = RateLimitedManagementServer.this.latency;
			if (delay.isZero()) {
				write.run();
			}
			else {
				context.executor().schedule(write, delay.toNanos(), TimeUnit.NANOSECONDS);
			}
		}

		private FullHttpResponse answer(FullHttpRequest request) {
			String path = new QueryStringDecoder(request.uri()).path();
			String prefix = "/" + RateLimitedManagementServer.this.stage + CONNECTIONS;
			if (!request.method().equals(HttpMethod.POST) || !path.startsWith(prefix)) {
				return json(HttpResponseStatus.NOT_FOUND, null, "{\"message\":\"Not Found\"}");
			}
			RateLimitedManagementServer.this.posts.incrementAndGet();
			Bucket bucket = RateLimitedManagementServer.this.bucket;
			if (bucket != null && !bucket.take()) {
				RateLimitedManagementServer.this.throttled.incrementAndGet();
				return json(HttpResponseStatus.TOO_MANY_REQUESTS, "LimitExceededException",
						"{\"message\":\"Too Many Requests\"}");
			}
			RateLimitedManagementServer.this.delivered
				.add(QueryStringDecoder.decodeComponent(path.substring(prefix.length())));
			return json(HttpResponseStatus.OK, null, "");
		}

		private FullHttpResponse json(HttpResponseStatus status, @Nullable String errorType, String body) {
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
					Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
			response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
			response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
			if (errorType != null) {
				response.headers().set("x-amzn-ErrorType", errorType);
			}
			return response;
		}

	}

	private static final class Bucket {

		private final double perNano;

		private final double burst;

		private double tokens;

		private long refilledAt = System.nanoTime();

		Bucket(double perSecond, int burst) {
			this.perNano = perSecond / 1e9;
			this.burst = burst;
			this.tokens = burst;
		}

		synchronized boolean take() {
			long now = System.nanoTime();
			this.tokens = Math.min(this.burst, this.tokens + (now - this.refilledAt) * this.perNano);
			this.refilledAt = now;
			if (this.tokens < 1) {
				return false;
			}
			this.tokens -= 1;
			return true;
		}

	}

}
