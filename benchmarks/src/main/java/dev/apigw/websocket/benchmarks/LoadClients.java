package dev.apigw.websocket.benchmarks;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Many WebSocket clients on Netty (lighter than one {@code java.net.http} client per
 * connection), each recording how long a message took from post to receipt. Messages
 * carry the {@link System#nanoTime()} of their post as text, which works because poster
 * and clients share this JVM.
 */
final class LoadClients implements AutoCloseable {

	private static final int HANDSHAKES_IN_FLIGHT = 256;

	private final EventLoopGroup group;

	private final List<Channel> channels = new ArrayList<>();

	private final LatencyRecorder latencies;

	private final Queue<String> identities = new ConcurrentLinkedQueue<>();

	@SuppressWarnings("deprecation")
	LoadClients(LatencyRecorder latencies) {
		this.latencies = latencies;
		this.group = new NioEventLoopGroup(2, new DefaultThreadFactory("load-client", true));
	}

	/**
	 * Open {@code count} connections, at most {@link #HANDSHAKES_IN_FLIGHT} handshakes at
	 * a time.
	 * @return connections open when the deadline passed or all were open
	 */
	int open(URI uri, int count, long deadlineNanos) throws InterruptedException {
		Semaphore inFlight = new Semaphore(HANDSHAKES_IN_FLIGHT);
		List<CompletableFuture<Channel>> handshakes = new ArrayList<>(count);
		for (int i = 0; i < count && System.nanoTime() < deadlineNanos; i++) {
			if (!inFlight.tryAcquire(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
				break;
			}
			CompletableFuture<Channel> handshake = connect(uri);
			handshake.whenComplete((channel, failure) -> inFlight.release());
			handshakes.add(handshake);
		}
		for (CompletableFuture<Channel> handshake : handshakes) {
			try {
				this.channels.add(handshake.get(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS));
			}
			catch (Exception ex) {
				// counted as not opened
			}
		}
		return this.channels.size();
	}

	/**
	 * Ask every connection who it is, for a server whose {@code $default} route answers
	 * any message with {@code ID <connectionId>} (a server that cannot list its
	 * connections).
	 * @return the ids that answered before the deadline
	 */
	List<String> identify(long deadlineNanos) throws InterruptedException {
		this.identities.clear();
		for (Channel channel : this.channels) {
			channel.writeAndFlush(new TextWebSocketFrame("whoami"));
		}
		try {
			Polling.await(() -> this.identities.size() >= this.channels.size(), deadlineNanos);
		}
		catch (IllegalStateException ex) {
			// fewer ids: the caller reports them
		}
		return new ArrayList<>(this.identities);
	}

	private CompletableFuture<Channel> connect(URI uri) {
		CompletableFuture<Channel> handshake = new CompletableFuture<>();
		WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
			.webSocketUri(uri)
			.maxFramePayloadLength(64 * 1024)
			.build();
		new Bootstrap().group(this.group)
			.channel(NioSocketChannel.class)
			.handler(new ChannelInitializer<SocketChannel>() {

				@Override
				protected void initChannel(SocketChannel channel) {
					channel.pipeline()
						.addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
								new WebSocketClientProtocolHandler(config), new Receiver(handshake));
				}

			})
			.connect(uri.getHost(), uri.getPort())
			.addListener((future) -> {
				if (!future.isSuccess()) {
					handshake.completeExceptionally(future.cause());
				}
			});
		return handshake;
	}

	@Override
	public void close() {
		this.channels.forEach(Channel::close);
		this.group.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
	}

	private final class Receiver extends SimpleChannelInboundHandler<TextWebSocketFrame> {

		private final CompletableFuture<Channel> handshake;

		Receiver(CompletableFuture<Channel> handshake) {
			this.handshake = handshake;
		}

		@Override
		public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
			if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
				this.handshake.complete(ctx.channel());
			}
			else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
				this.handshake.completeExceptionally(new IllegalStateException("WebSocket handshake timed out"));
			}
			ctx.fireUserEventTriggered(evt);
		}

		@Override
		protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
			long now = System.nanoTime();
			String text = frame.content().toString(StandardCharsets.US_ASCII);
			if (text.startsWith("ID ")) {
				LoadClients.this.identities.add(text.substring(3));
				return;
			}
			int space = text.indexOf(' ');
			LoadClients.this.latencies.record(now - Long.parseLong((space < 0) ? text : text.substring(0, space)));
		}

		@Override
		public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
			this.handshake.completeExceptionally(cause);
			ctx.close();
		}

	}

}
