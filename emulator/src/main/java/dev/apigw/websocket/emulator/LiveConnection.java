package dev.apigw.websocket.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * One open WebSocket connection: its channel, identity, history and how it ended.
 */
final class LiveConnection {

	/** API Gateway's frame size limit: longer messages go out in several frames. */
	static final int MAX_FRAME_BYTES = 32 * 1024;

	static final int ABNORMAL_CLOSURE = 1006;

	static final int GOING_AWAY = 1001;

	static final String GOING_AWAY_REASON = "Going away";

	/**
	 * Reading paused: this connection has too many messages waiting for their
	 * integration.
	 */
	static final int PAUSED_BY_BACKLOG = 1;

	/** Reading paused: all connections together have too many messages waiting. */
	static final int PAUSED_BY_EMULATOR = 2;

	/** Reading paused: the client does not read what it is sent. */
	static final int PAUSED_BY_UNWRITABLE = 4;

	private final String id;

	private final Channel channel;

	private final Instant connectedAt = Instant.now();

	private final String sourceIp;

	private final String userAgent;

	private final MessageHistory received;

	private final MessageHistory sent;

	private volatile long lastActiveMillis = System.currentTimeMillis();

	private int closeStatus = ABNORMAL_CLOSURE;

	private String closeReason = "Connection closed abnormally";

	private boolean closeRecorded;

	private CompletableFuture<?> messageChain = CompletableFuture.completedFuture(null);

	private @Nullable ScheduledFuture<?> maxDurationTimer;

	/** Messages read and not yet handled by their integration; event loop only. */
	private volatile int pendingMessages;

	/** Why reading is paused, {@code PAUSED_BY_*} bits; event loop only. */
	private int pausedBy;

	LiveConnection(String id, Channel channel, String sourceIp, String userAgent, int historyLimit) {
		this.id = id;
		this.channel = channel;
		this.sourceIp = sourceIp;
		this.userAgent = userAgent;
		this.received = new MessageHistory(historyLimit);
		this.sent = new MessageHistory(historyLimit);
	}

	String id() {
		return this.id;
	}

	Channel channel() {
		return this.channel;
	}

	boolean isOpen() {
		return this.channel.isActive();
	}

	Instant connectedAt() {
		return this.connectedAt;
	}

	Instant lastActiveAt() {
		return Instant.ofEpochMilli(this.lastActiveMillis);
	}

	String sourceIp() {
		return this.sourceIp;
	}

	String userAgent() {
		return this.userAgent;
	}

	void limitDuration(long millis) {
		this.maxDurationTimer = this.channel.eventLoop()
			.schedule(() -> close(GOING_AWAY, GOING_AWAY_REASON), millis, TimeUnit.MILLISECONDS);
	}

	/**
	 * Start reading frames once the handshake is done, unless a reason to pause came
	 * first.
	 */
	void startReading() {
		this.channel.config().setAutoRead(this.pausedBy == 0);
	}

	void pauseReading(int reason) {
		this.pausedBy |= reason;
		this.channel.config().setAutoRead(false);
	}

	void resumeReading(int reason) {
		if ((this.pausedBy & reason) == 0) {
			return;
		}
		this.pausedBy &= ~reason;
		if (this.pausedBy == 0) {
			this.channel.config().setAutoRead(true);
		}
	}

	/**
	 * Run on this connection's event loop, where its reading state lives; dropped once
	 * the emulator has shut its event loops down.
	 */
	void onEventLoop(Runnable task) {
		if (this.channel.eventLoop().inEventLoop()) {
			task.run();
			return;
		}
		try {
			this.channel.eventLoop().execute(task);
		}
		catch (RejectedExecutionException ex) {
			// the emulator is closed: nothing is read any more
		}
	}

	int pendingAdded() {
		return ++this.pendingMessages;
	}

	int pendingHandled() {
		return --this.pendingMessages;
	}

	int pendingMessages() {
		return this.pendingMessages;
	}

	/**
	 * A message from the client arrived.
	 */
	void messageReceived(byte[] data, boolean binary) {
		this.lastActiveMillis = System.currentTimeMillis();
		this.sent.add(data, binary);
	}

	/**
	 * Send one message to the client: a text message when the data is valid UTF-8, else
	 * binary, split into frames of at most 32 KB.
	 */
	ChannelFuture send(byte[] data) {
		boolean text = ByteBufUtil.isText(Unpooled.wrappedBuffer(data), StandardCharsets.UTF_8);
		this.lastActiveMillis = System.currentTimeMillis();
		this.received.add(data, !text);
		int offset = 0;
		do {
			int length = Math.min(MAX_FRAME_BYTES, data.length - offset);
			boolean last = offset + length == data.length;
			WebSocketFrame frame = frame(offset == 0, text, last, data, offset, length);
			offset += length;
			if (last) {
				return this.channel.writeAndFlush(frame);
			}
			this.channel.write(frame, this.channel.voidPromise());
		}
		while (true);
	}

	private static WebSocketFrame frame(boolean first, boolean text, boolean last, byte[] data, int offset,
			int length) {
		if (!first) {
			return new ContinuationWebSocketFrame(last, 0, Unpooled.wrappedBuffer(data, offset, length));
		}
		return text ? new TextWebSocketFrame(last, 0, Unpooled.wrappedBuffer(data, offset, length))
				: new BinaryWebSocketFrame(last, 0, Unpooled.wrappedBuffer(data, offset, length));
	}

	/**
	 * Close with a close frame, remembering the status for {@code $disconnect}.
	 */
	void close(int status, String reason) {
		recordClose(status, reason);
		if (this.channel.isActive()) {
			this.channel.writeAndFlush(new CloseWebSocketFrame(status, reason))
				.addListener(ChannelFutureListener.CLOSE);
		}
	}

	/**
	 * Reset the TCP connection without a close frame.
	 */
	boolean drop() {
		if (!this.channel.isActive()) {
			return false;
		}
		recordClose(ABNORMAL_CLOSURE, "Connection dropped");
		this.channel.config().setOption(ChannelOption.SO_LINGER, 0);
		this.channel.close();
		return true;
	}

	/**
	 * Remember why the connection ends; the first reason wins.
	 */
	synchronized void recordClose(int status, String reason) {
		if (!this.closeRecorded) {
			this.closeRecorded = true;
			this.closeStatus = status;
			this.closeReason = reason;
		}
	}

	synchronized int closeStatus() {
		return this.closeStatus;
	}

	synchronized String closeReason() {
		return this.closeReason;
	}

	/**
	 * Run integration calls for this connection one after another, so route handlers see
	 * the client's messages in order.
	 */
	synchronized void enqueue(Supplier<CompletableFuture<?>> call) {
		this.messageChain = this.messageChain.thenCompose((ignored) -> call.get());
	}

	void closed() {
		ScheduledFuture<?> timer = this.maxDurationTimer;
		if (timer != null) {
			timer.cancel(false);
		}
	}

	EmulatedConnection snapshot() {
		return new EmulatedConnection(this.id, this.connectedAt, lastActiveAt(), this.sourceIp, this.userAgent,
				this.received.snapshot(), this.sent.snapshot());
	}

}
