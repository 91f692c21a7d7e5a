package dev.apigw.websocket.emulator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;

/**
 * The whole pipeline (after the HTTP codec) of a connection over {@code maxConnections}:
 * its first request is answered {@code 503 Service Unavailable} without reading a body,
 * then the connection is closed; one that sends nothing is closed after the request
 * timeout.
 */
final class ConnectionLimitRefusal extends ChannelInboundHandlerAdapter {

	private final int maxConnections;

	private final Duration requestTimeout;

	private boolean answered;

	ConnectionLimitRefusal(int maxConnections, Duration requestTimeout) {
		this.maxConnections = maxConnections;
		this.requestTimeout = requestTimeout;
	}

	@Override
	public void channelActive(ChannelHandlerContext ctx) {
		ctx.executor().schedule(() -> ctx.close(), this.requestTimeout.toNanos(), TimeUnit.NANOSECONDS);
		ctx.fireChannelActive();
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		ReferenceCountUtil.release(msg);
		if (msg instanceof HttpRequest && !this.answered) {
			this.answered = true;
			FullHttpResponse response = ManagementResponses.errorResponse(503, "ServiceUnavailableException",
					"The emulator serves " + this.maxConnections
							+ " connections at once (maxConnections); close some or retry later");
			response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			response.headers().set(HttpHeaderNames.RETRY_AFTER, 1);
			ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

}
