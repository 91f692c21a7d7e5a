package dev.apigw.websocket.emulator;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;

/**
 * Pipeline of a new TCP connection: HTTP first, with its limits; a WebSocket upgrade
 * replaces it later. A connection over {@code maxConnections} gets a pipeline that only
 * refuses.
 */
final class EmulatorChannelInitializer extends ChannelInitializer<SocketChannel> {

	private final EmulatorContext context;

	EmulatorChannelInitializer(EmulatorContext context) {
		this.context = context;
	}

	@Override
	protected void initChannel(SocketChannel channel) {
		EmulatorLimits limits = this.context.settings().limits();
		ConnectionLimit connectionLimit = this.context.connectionLimit();
		switch (connectionLimit.admit(channel)) {
			case SERVE -> {
				HttpConnectionGuard guard = new HttpConnectionGuard(limits, this.context.requestBuffer(),
						this.context.refusals());
				channel.pipeline()
					.addLast(HttpConnectionGuard.HEAD_WATCHER, guard.headWatcher())
					.addLast(new HttpServerCodec())
					.addLast(guard)
					.addLast(new ManagementBodyAggregator(this.context.refusals()))
					.addLast(new HttpEntryHandler(this.context));
			}
			case REFUSE -> {
				refused(channel, connectionLimit, "answering 503");
				channel.pipeline()
					.addLast(new HttpServerCodec())
					.addLast(new ConnectionLimitRefusal(connectionLimit.max(), limits.httpRequestTimeout()));
			}
			case DROP -> {
				refused(channel, connectionLimit, "closing it at once");
				channel.close();
			}
		}
	}

	private void refused(SocketChannel channel, ConnectionLimit limit, String action) {
		this.context.refusals()
			.log(RefusalLog.Kind.CONNECTION_LIMIT,
					() -> "Refused a connection from " + channel.remoteAddress() + ", " + action + ": "
							+ (limit.open() - 1) + " connections are open, the limit is " + limit.max()
							+ " (maxConnections)");
	}

}
