package dev.apigw.websocket.emulator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * Limits of an HTTP connection until it becomes a WebSocket: the request timeout, the
 * idle timeout between keep-alive requests, the emulator-wide budget of buffered request
 * bodies, and one request at a time (the connection is not read while a request waits for
 * its answer). Sits between the HTTP codec and the body aggregator, so it sees each
 * request start, its content and the answer.
 */
final class HttpConnectionGuard extends ChannelDuplexHandler {

	/** Pipeline name of {@link #headWatcher()}. */
	static final String HEAD_WATCHER = "httpHeadWatcher";

	private static final System.Logger logger = System.getLogger(HttpConnectionGuard.class.getName());

	private final EmulatorLimits limits;

	private final RequestBufferBudget budget;

	private final RefusalLog refusals;

	/** A request has started and its last content has not arrived yet. */
	private boolean receiving;

	/** The request being received was refused here: its content is dropped. */
	private boolean discarding;

	/**
	 * The request being received was answered with {@code Connection: close} before its
	 * end.
	 */
	private boolean closeWhenReceived;

	/**
	 * Whether the body size of the request being received is unknown, so it is reserved
	 * as it comes.
	 */
	private boolean reserveAsReceived;

	private long receivedBytes;

	/** Requests started and not answered yet. */
	private int unanswered;

	private boolean anyRequest;

	/** Bytes of a request have arrived, but not yet all of its head. */
	private boolean headArriving;

	/**
	 * Budget bytes held for the requests of this connection until they are all answered.
	 */
	private long reserved;

	private @Nullable ScheduledFuture<?> timer;

	HttpConnectionGuard(EmulatorLimits limits, RequestBufferBudget budget, RefusalLog refusals) {
		this.limits = limits;
		this.budget = budget;
		this.refusals = refusals;
	}

	/**
	 * The handler to put before the HTTP codec, which tells this guard when the bytes of
	 * a request head begin to arrive: the codec passes on nothing until the head is
	 * complete.
	 */
	ChannelInboundHandlerAdapter headWatcher() {
		return new ChannelInboundHandlerAdapter() {

			@Override
			public void channelRead(ChannelHandlerContext watcherCtx, Object msg) {
				headBytesArrived(watcherCtx.pipeline().context(HttpConnectionGuard.this));
				watcherCtx.fireChannelRead(msg);
			}

		};
	}

	private void headBytesArrived(@Nullable ChannelHandlerContext ctx) {
		if (ctx == null || this.receiving || this.headArriving) {
			return;
		}
		this.headArriving = true;
		if (this.unanswered == 0) {
			// the idle timer gives way to the request timer once a request begins
			schedule(ctx, this.limits.httpRequestTimeout(), () -> requestTimedOut(ctx));
		}
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		schedule(ctx, this.limits.httpRequestTimeout(), () -> requestTimedOut(ctx));
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (msg instanceof HttpRequest request) {
			started(ctx, request);
		}
		else if (msg instanceof HttpContent content && !this.discarding && this.reserveAsReceived) {
			reserveChunk(ctx, content.content().readableBytes());
		}
		boolean last = msg instanceof LastHttpContent;
		if (this.discarding) {
			ReferenceCountUtil.release(msg);
		}
		else {
			ctx.fireChannelRead(msg);
		}
		// a WebSocket upgrade removes this handler while the request is handled
		if (last && !ctx.isRemoved()) {
			received(ctx);
		}
	}

	private void started(ChannelHandlerContext ctx, HttpRequest request) {
		this.anyRequest = true;
		this.headArriving = false;
		this.receiving = true;
		this.discarding = false;
		this.reserveAsReceived = false;
		this.receivedBytes = 0;
		this.unanswered++;
		schedule(ctx, this.limits.httpRequestTimeout(), () -> requestTimedOut(ctx));
		long length = contentLength(request);
		if (length > ManagementBodyAggregator.MAX_READ_BYTES) {
			return; // the aggregator answers 413 and drops the body without keeping it
		}
		if (length > 0) {
			if (this.budget.tryReserve(length)) {
				this.reserved += length;
			}
			else {
				refuse(ctx, request);
			}
		}
		else if (length < 0 && HttpUtil.isTransferEncodingChunked(request)) {
			this.reserveAsReceived = true;
		}
	}

	private void reserveChunk(ChannelHandlerContext ctx, int bytes) {
		long wanted = Math.max(0, Math.min(bytes, ManagementBodyAggregator.MAX_READ_BYTES - this.receivedBytes));
		this.receivedBytes += bytes;
		if (wanted == 0) {
			return;
		}
		if (this.budget.tryReserve(wanted)) {
			this.reserved += wanted;
			return;
		}
		// the aggregator holds the first part of this body: drop the rest and close,
		// which frees it
		this.discarding = true;
		this.closeWhenReceived = true;
		refusedForBuffer(ctx);
		ctx.writeAndFlush(bufferFull(true));
		answered(ctx, true);
	}

	/**
	 * Answer 503 before the body, and drop the body if the client sends it anyway.
	 */
	private void refuse(ChannelHandlerContext ctx, HttpRequest request) {
		this.discarding = true;
		refusedForBuffer(ctx);
		if (HttpUtil.is100ContinueExpected(request)) {
			// the client will not send the body it announced: the connection cannot carry
			// on
			this.unanswered--;
			ctx.writeAndFlush(bufferFull(true)).addListener(ChannelFutureListener.CLOSE);
			return;
		}
		boolean close = !HttpUtil.isKeepAlive(request);
		ctx.writeAndFlush(bufferFull(close));
		answered(ctx, close);
	}

	private void refusedForBuffer(ChannelHandlerContext ctx) {
		this.refusals.log(RefusalLog.Kind.REQUEST_BUFFER,
				() -> "Answered 503 to " + ctx.channel().remoteAddress() + ": request bodies of "
						+ this.budget.reserved() + " bytes are buffered, the limit is " + this.budget.capacity()
						+ " (maxRequestBufferBytes)");
	}

	private FullHttpResponse bufferFull(boolean close) {
		FullHttpResponse response = ManagementResponses.errorResponse(503, "ServiceUnavailableException",
				"The emulator is reading too many request bodies at once (maxRequestBufferBytes "
						+ this.budget.capacity() + "); retry later");
		response.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
		if (close) {
			response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		}
		return response;
	}

	private void received(ChannelHandlerContext ctx) {
		this.receiving = false;
		this.discarding = false;
		this.reserveAsReceived = false;
		cancelTimer();
		if (this.closeWhenReceived) {
			// after the answer already written: an empty write from the front of the
			// pipeline
			// completes once everything before it is flushed
			ctx.pipeline().firstContext().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
		}
		else if (this.unanswered > 0) {
			// one request at a time: read no further until this one is answered
			ctx.channel().config().setAutoRead(false);
		}
		else {
			idle(ctx);
		}
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
			answered(ctx, !HttpUtil.isKeepAlive(response));
		}
		ctx.write(msg, promise);
	}

	private void answered(ChannelHandlerContext ctx, boolean closing) {
		this.unanswered = Math.max(0, this.unanswered - 1);
		if (this.receiving) {
			// answered before the end of the request (413, 503): read and drop the rest
			// first, so
			// that the client, still sending, gets to read the answer
			this.closeWhenReceived |= closing;
		}
		else if (this.unanswered == 0 && !closing) {
			idle(ctx);
		}
	}

	private void idle(ChannelHandlerContext ctx) {
		releaseReserved();
		ctx.channel().config().setAutoRead(true);
		if (this.headArriving) {
			schedule(ctx, this.limits.httpRequestTimeout(), () -> requestTimedOut(ctx));
		}
		else {
			schedule(ctx, this.limits.httpIdleTimeout(), () -> idleTimedOut(ctx));
		}
	}

	private void requestTimedOut(ChannelHandlerContext ctx) {
		this.timer = null;
		Duration timeout = this.limits.httpRequestTimeout();
		if ((this.receiving && this.unanswered > 0 && !this.discarding) || (!this.receiving && this.headArriving)) {
			this.refusals.log(RefusalLog.Kind.REQUEST_TIMEOUT, () -> "Answered 408 to " + ctx.channel().remoteAddress()
					+ ": its request was not complete within " + timeout + " (httpRequestTimeout)");
			FullHttpResponse response = ManagementResponses.errorResponse(408, "RequestTimeoutException",
					"The request was not received within " + timeout + " (httpRequestTimeout)");
			response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
		}
		else if (this.receiving || !this.anyRequest) {
			this.refusals.log(RefusalLog.Kind.REQUEST_TIMEOUT,
					() -> "Closed " + ctx.channel().remoteAddress() + ": "
							+ (this.receiving ? "the rest of an answered request" : "no request") + " arrived within "
							+ timeout + " (httpRequestTimeout)");
			ctx.close();
		}
	}

	private void idleTimedOut(ChannelHandlerContext ctx) {
		this.timer = null;
		if (!this.receiving && this.unanswered == 0) {
			logger.log(System.Logger.Level.DEBUG, () -> "Closing keep-alive connection " + ctx.channel().remoteAddress()
					+ " idle for " + this.limits.httpIdleTimeout() + " (httpIdleTimeout)");
			ctx.close();
		}
	}

	private void schedule(ChannelHandlerContext ctx, Duration delay, Runnable task) {
		cancelTimer();
		this.timer = ctx.executor().schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
	}

	private void cancelTimer() {
		ScheduledFuture<?> current = this.timer;
		if (current != null) {
			current.cancel(false);
			this.timer = null;
		}
	}

	private void releaseReserved() {
		if (this.reserved > 0) {
			this.budget.release(this.reserved);
			this.reserved = 0;
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		cancelTimer();
		releaseReserved();
		ctx.fireChannelInactive();
	}

	@Override
	public void handlerRemoved(ChannelHandlerContext ctx) {
		cancelTimer();
		releaseReserved();
	}

	private static long contentLength(HttpRequest request) {
		try {
			return HttpUtil.getContentLength(request, -1L);
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
