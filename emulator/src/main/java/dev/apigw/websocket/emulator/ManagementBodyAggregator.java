package dev.apigw.websocket.emulator;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Collects request bodies; a body too large even to read is answered in the AWS wire format
 * (413 {@code PayloadTooLargeException}) rather than Netty's plain 413. Bodies just over the
 * 128 KB limit are read and refused by {@link ManagementApi}, so the client always gets to send
 * them in full.
 */
final class ManagementBodyAggregator extends HttpObjectAggregator {

	static final int MAX_READ_BYTES = 1024 * 1024;

	ManagementBodyAggregator() {
		super(MAX_READ_BYTES);
	}

	@Override
	protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
		if (oversized instanceof HttpRequest) {
			ManagementResponses.error(ctx.channel(), false, 413,
					"Data must be at most " + EmulatorSettings.MAX_MESSAGE_BYTES + " bytes");
		}
		else {
			ctx.close();
		}
	}

}
