package dev.apigw.websocket.emulator;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * Pipeline of a new TCP connection: HTTP first; a WebSocket upgrade replaces it later.
 */
final class EmulatorChannelInitializer extends ChannelInitializer<SocketChannel> {

	private final EmulatorContext context;

	EmulatorChannelInitializer(EmulatorContext context) {
		this.context = context;
	}

	@Override
	protected void initChannel(SocketChannel channel) {
		channel.pipeline()
			.addLast(new HttpServerCodec())
			.addLast(new ManagementBodyAggregator())
			.addLast(new HttpEntryHandler(this.context));
	}

}
