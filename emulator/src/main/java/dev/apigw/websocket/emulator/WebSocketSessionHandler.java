package dev.apigw.websocket.emulator;

import java.io.IOException;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;

/**
 * Frames of one open connection after the handshake: whole messages go to
 * {@link ClientEvents}, control frames are answered, oversized messages and idle
 * connections are closed, and the client is not read while it does not read what it is
 * sent.
 */
final class WebSocketSessionHandler extends ChannelInboundHandlerAdapter {

	private static final int NO_STATUS_RECEIVED = 1005;

	private final LiveConnection connection;

	private final ClientEvents events;

	WebSocketSessionHandler(LiveConnection connection, ClientEvents events) {
		this.connection = connection;
		this.events = events;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		try {
			if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
				WebSocketFrame frame = (WebSocketFrame) msg;
				this.events.message(this.connection, ByteBufUtil.getBytes(frame.content()),
						frame instanceof BinaryWebSocketFrame);
			}
			else if (msg instanceof PingWebSocketFrame ping) {
				ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
			}
			else if (msg instanceof CloseWebSocketFrame close) {
				closeRequested(ctx, close);
			}
		}
		finally {
			ReferenceCountUtil.release(msg);
		}
	}

	private void closeRequested(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
		int status = close.statusCode();
		if (status == -1) {
			this.connection.recordClose(NO_STATUS_RECEIVED, "");
			ctx.writeAndFlush(new CloseWebSocketFrame()).addListener(ChannelFutureListener.CLOSE);
			return;
		}
		this.connection.recordClose(status, close.reasonText());
		ctx.writeAndFlush(new CloseWebSocketFrame(status, close.reasonText())).addListener(ChannelFutureListener.CLOSE);
	}

	@Override
	public void channelWritabilityChanged(ChannelHandlerContext ctx) {
		if (ctx.channel().isWritable()) {
			this.connection.resumeReading(LiveConnection.PAUSED_BY_UNWRITABLE);
		}
		else {
			this.connection.pauseReading(LiveConnection.PAUSED_BY_UNWRITABLE);
		}
		ctx.fireChannelWritabilityChanged();
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
		if (evt instanceof IdleStateEvent) {
			this.connection.close(LiveConnection.GOING_AWAY, LiveConnection.GOING_AWAY_REASON);
		}
		else {
			ctx.fireUserEventTriggered(evt);
		}
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		if (cause instanceof CorruptedWebSocketFrameException corrupted) {
			// the frame decoder has already sent the close frame with this status
			WebSocketCloseStatus status = corrupted.closeStatus();
			this.connection.recordClose(status.code(), status.reasonText());
			ctx.close();
		}
		else if (cause instanceof TooLongFrameException) {
			this.connection.close(WebSocketCloseStatus.MESSAGE_TOO_BIG.code(), "Message too big");
		}
		else if (cause instanceof IOException) {
			ctx.close();
		}
		else {
			this.connection.close(WebSocketCloseStatus.INTERNAL_SERVER_ERROR.code(), "Internal server error");
		}
	}

	@Override
	public void channelInactive(ChannelHandlerContext ctx) {
		this.events.closed(this.connection);
		ctx.fireChannelInactive();
	}

}
