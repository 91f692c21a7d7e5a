package dev.apigw.websocket.emulator;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;

/**
 * Keeps the frame aggregator after it from reading while reading is paused: the
 * aggregator asks for more data whenever it holds part of a message, which would
 * otherwise read a client that sends without pause past every bound.
 */
@ChannelHandler.Sharable
final class PausedReadFilter extends ChannelOutboundHandlerAdapter {

	static final PausedReadFilter INSTANCE = new PausedReadFilter();

	private PausedReadFilter() {
	}

	@Override
	public void read(ChannelHandlerContext ctx) {
		if (ctx.channel().config().isAutoRead()) {
			ctx.read();
		}
	}

}
