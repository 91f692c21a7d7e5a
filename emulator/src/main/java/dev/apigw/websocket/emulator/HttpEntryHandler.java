package dev.apigw.websocket.emulator;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpUtil;

/**
 * First stop of every HTTP request: {@code /{stage}} with a WebSocket upgrade starts a
 * connection, {@code /{stage}/@connections/{id}} goes to the management API, anything
 * else is refused with 403 as API Gateway does for unknown stages and resources.
 */
final class HttpEntryHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

	private static final String CONNECTIONS_SEGMENT = "@connections";

	private final EmulatorContext context;

	/**
	 * A WebSocket handshake has started on this connection: it carries no further HTTP
	 * requests.
	 */
	private boolean upgrading;

	HttpEntryHandler(EmulatorContext context) {
		this.context = context;
	}

	@Override
	protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
		if (this.upgrading) {
			// RFC 6455: a client sends nothing before the handshake's answer; a pipelined
			// request
			// would otherwise start a second $connect on a connection that can only carry
			// one
			this.context.refusals()
				.log(RefusalLog.Kind.PROTOCOL, () -> "Ignored " + request.method() + " " + request.uri() + " from "
						+ ctx.channel().remoteAddress() + ": sent on a connection that is being upgraded to WebSocket");
			return;
		}
		boolean keepAlive = HttpUtil.isKeepAlive(request);
		if (!request.decoderResult().isSuccess()) {
			ManagementResponses.error(ctx.channel(), false, 400, "Malformed HTTP request");
			return;
		}
		String uri = request.uri();
		int queryStart = uri.indexOf('?');
		String rawPath = (queryStart < 0) ? uri : uri.substring(0, queryStart);
		String rawQuery = (queryStart < 0) ? null : uri.substring(queryStart + 1);
		String[] segments = rawPath.split("/", -1);
		String stage = this.context.settings().stage();
		boolean stagePath = segments.length >= 2 && segments[0].isEmpty() && segments[1].equals(stage);
		if (stagePath && (segments.length == 2 || (segments.length == 3 && segments[2].isEmpty()))) {
			if (request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
				this.upgrading = true;
				WebSocketUpgrade.start(this.context, ctx.channel(), request.retain(), rawQuery);
			}
			else {
				ManagementResponses.error(ctx.channel(), keepAlive, 426,
						"Connect with a WebSocket client to ws://{host}:{port}/" + stage);
			}
			return;
		}
		if (stagePath && segments.length == 4 && CONNECTIONS_SEGMENT.equals(PathIds.percentDecode(segments[2]))) {
			this.context.management()
				.handle(ctx.channel(), new ManagementCall(request.method(), rawPath, rawQuery, request.headers(),
						ByteBufUtil.getBytes(request.content()), segments[3], keepAlive));
			return;
		}
		ManagementResponses.error(ctx.channel(), keepAlive, 403, "Forbidden");
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		ctx.close();
	}

}
