package dev.apigw.websocket.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
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
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * A trivial {@code @connections} management API on 127.0.0.1, in its own JVM so that the
 * benchmark JVM's CPU time is the client's alone. It answers every {@code POST} at once
 * or after an injected latency: 429 {@code LimitExceededException} when its token bucket
 * is empty, 410 {@code GoneException} for ids starting with {@link #GONE_PREFIX}, 200
 * otherwise; and it counts requests, answers, distinct delivered ids and new TCP
 * connections. Controlled through standard input, one command a line:
 * {@code config <latencyMillis> <ratePerSecond> <burst>} (rate 0: no limit),
 * {@code reset}, {@code stats}, {@code exit}.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class StubManagementApi implements AutoCloseable {

	/**
	 * Ids that are answered 410, as connections the client went away from.
	 */
	static final String GONE_PREFIX = "gone-";

	private static final int MAX_BODY_BYTES = 256 * 1024;

	/**
	 * More than any pool the benchmarks configure; further connections are closed.
	 */
	private static final int MAX_CONNECTIONS = 2_048;

	private static final byte[] THROTTLED = "{\"message\":\"Too Many Requests\"}".getBytes(StandardCharsets.UTF_8);

	private static final byte[] GONE = "{\"message\":\"Connection is gone\"}".getBytes(StandardCharsets.UTF_8);

	private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("stub-api", true),
			NioIoHandler.newFactory());

	private final Channel server;

	private final AtomicInteger open = new AtomicInteger();

	private final LongAdder connections = new LongAdder();

	private final LongAdder requests = new LongAdder();

	private final LongAdder accepted = new LongAdder();

	private final LongAdder throttled = new LongAdder();

	private final LongAdder goneAnswers = new LongAdder();

	private final Map<String, Boolean> delivered = new ConcurrentHashMap<>();

	private final Map<String, Boolean> gone = new ConcurrentHashMap<>();

	private volatile long latencyNanos;

	private volatile TokenBucket bucket;

	StubManagementApi() throws InterruptedException {
		this.server = new ServerBootstrap().group(this.group)
			.channel(NioServerSocketChannel.class)
			.childHandler(new ChannelInitializer<SocketChannel>() {

				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_BODY_BYTES), new Handler());
				}

			})
			.bind(new InetSocketAddress("127.0.0.1", 0))
			.sync()
			.channel();
	}

	int port() {
		return ((InetSocketAddress) this.server.localAddress()).getPort();
	}

	void configure(long latencyMillis, double ratePerSecond, int burst) {
		this.latencyNanos = TimeUnit.MILLISECONDS.toNanos(latencyMillis);
		this.bucket = (ratePerSecond > 0) ? new TokenBucket(ratePerSecond, burst) : null;
	}

	void reset() {
		this.connections.reset();
		this.requests.reset();
		this.accepted.reset();
		this.throttled.reset();
		this.goneAnswers.reset();
		this.delivered.clear();
		this.gone.clear();
	}

	StubStats stats() {
		return new StubStats(this.requests.sum(), this.accepted.sum(), this.delivered.size(), this.throttled.sum(),
				this.goneAnswers.sum(), this.gone.size(), this.connections.sum());
	}

	@Override
	public void close() {
		this.server.close().awaitUninterruptibly();
		this.group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
	}

	/**
	 * Serve until {@code exit} or end of input.
	 * @param args unused
	 * @throws Exception on I/O failure
	 */
	public static void main(String[] args) throws Exception {
		PrintStream out = System.out;
		try (StubManagementApi stub = new StubManagementApi()) {
			out.println("PORT " + stub.port());
			out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			for (String line = in.readLine(); line != null && !line.equals("exit"); line = in.readLine()) {
				String[] command = line.split(" ");
				switch (command[0]) {
					case "config" -> {
						stub.configure(Long.parseLong(command[1]), Double.parseDouble(command[2]),
								Integer.parseInt(command[3]));
						out.println("OK config");
					}
					case "reset" -> {
						stub.reset();
						out.println("OK reset");
					}
					case "stats" -> out.println("STATS " + stub.stats().toLine());
					default -> out.println("ERROR unknown command '" + line + "'");
				}
				out.flush();
			}
		}
	}

	private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {

		@Override
		public void channelActive(ChannelHandlerContext ctx) {
			StubManagementApi.this.connections.increment();
			if (StubManagementApi.this.open.incrementAndGet() > MAX_CONNECTIONS) {
				System.err.println("Stub management API: more than " + MAX_CONNECTIONS + " connections, closing one");
				ctx.close();
			}
			ctx.fireChannelActive();
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			StubManagementApi.this.open.decrementAndGet();
			ctx.fireChannelInactive();
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
			StubManagementApi.this.requests.increment();
			String uri = request.uri();
			String id = URLDecoder.decode(uri.substring(uri.lastIndexOf('/') + 1), StandardCharsets.UTF_8);
			TokenBucket limit = StubManagementApi.this.bucket;
			FullHttpResponse response;
			if (limit != null && !limit.tryAcquire()) {
				StubManagementApi.this.throttled.increment();
				response = error(HttpResponseStatus.TOO_MANY_REQUESTS, "LimitExceededException", THROTTLED);
			}
			else if (id.startsWith(GONE_PREFIX)) {
				StubManagementApi.this.goneAnswers.increment();
				StubManagementApi.this.gone.put(id, Boolean.TRUE);
				response = error(HttpResponseStatus.GONE, "GoneException", GONE);
			}
			else {
				StubManagementApi.this.accepted.increment();
				StubManagementApi.this.delivered.put(id, Boolean.TRUE);
				response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
						Unpooled.EMPTY_BUFFER);
				response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
			}
			response.headers().set("x-amzn-RequestId", "stub");
			boolean keepAlive = HttpUtil.isKeepAlive(request);
			if (keepAlive) {
				response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
			}
			long latency = StubManagementApi.this.latencyNanos;
			if (latency > 0) {
				ctx.executor().schedule(() -> write(ctx, response, keepAlive), latency, TimeUnit.NANOSECONDS);
			}
			else {
				write(ctx, response, keepAlive);
			}
		}

		private void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
			if (keepAlive) {
				ctx.writeAndFlush(response);
			}
			else {
				ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
			}
		}

		private FullHttpResponse error(HttpResponseStatus status, String type, byte[] body) {
			ByteBuf content = Unpooled.wrappedBuffer(body);
			FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
			response.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
				.set(HttpHeaderNames.CONTENT_LENGTH, body.length)
				.set("x-amzn-ErrorType", type);
			return response;
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			ctx.close();
		}

	}

	/**
	 * Refills {@code ratePerSecond} tokens a second up to {@code burst}, starting full.
	 */
	private static final class TokenBucket {

		private final double tokensPerNano;

		private final double capacity;

		private double tokens;

		private long lastRefill = System.nanoTime();

		TokenBucket(double ratePerSecond, int burst) {
			this.tokensPerNano = ratePerSecond / 1e9;
			this.capacity = burst;
			this.tokens = burst;
		}

		// one event loop thread serves every connection, but stay safe if that changes
		synchronized boolean tryAcquire() {
			long now = System.nanoTime();
			this.tokens = Math.min(this.capacity, this.tokens + (now - this.lastRefill) * this.tokensPerNano);
			this.lastRefill = now;
			if (this.tokens < 1) {
				return false;
			}
			this.tokens--;
			return true;
		}

	}

}
