package dev.apigw.websocket.emulator;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * Collects request bodies of up to 1 MB. A larger body is answered in the AWS wire format
 * (413 {@code PayloadTooLargeException}, as {@link ManagementApi} answers bodies over 128
 * KB) rather than with Netty's plain 413, and the rest of it is read and dropped, so that
 * a client still sending gets to read the answer instead of a connection reset;
 * {@link HttpConnectionGuard} bounds how long that may take. An
 * {@code Expect: 100-continue} request announcing such a body gets the same answer
 * instead of {@code 100 Continue}.
 */
final class ManagementBodyAggregator extends HttpObjectAggregator {

	static final int MAX_READ_BYTES = 1024 * 1024;

	private final RefusalLog refusals;

	ManagementBodyAggregator(RefusalLog refusals) {
		super(MAX_READ_BYTES);
		this.refusals = refusals;
	}

	@Override
	protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
		Object response = super.newContinueResponse(start, maxContentLength, pipeline);
		if (response instanceof HttpResponse answer
				&& answer.status().code() == HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE.code()) {
			ReferenceCountUtil.release(response);
			FullHttpResponse tooLarge = tooLarge(start, pipeline.channel().remoteAddress());
			tooLarge.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			return tooLarge;
		}
		return response;
	}

	/**
	 * The client does not send the body it announced, so the connection cannot carry on.
	 */
	@Override
	protected boolean closeAfterContinueResponse(Object msg) {
		return ignoreContentAfterContinueResponse(msg);
	}

	@Override
	protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
		if (!(oversized instanceof HttpRequest)) {
			ctx.close();
			return;
		}
		FullHttpResponse tooLarge = tooLarge(oversized, ctx.channel().remoteAddress());
		if (!HttpUtil.isKeepAlive(oversized)) {
			// closed by the guard once the rest of the body is dropped
			tooLarge.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		}
		ctx.writeAndFlush(tooLarge);
	}

	private FullHttpResponse tooLarge(HttpMessage request, Object remoteAddress) {
		long length = HttpUtil.getContentLength(request, -1L);
		String size = (length >= 0) ? Long.toString(length) : "more than " + MAX_READ_BYTES;
		this.refusals.log(RefusalLog.Kind.PAYLOAD_TOO_LARGE,
				() -> "Answered 413 to " + remoteAddress + ": a body of " + size + " bytes");
		return ManagementResponses.errorResponse(413, "PayloadTooLargeException", ManagementApi.tooLargeMessage(size));
	}

}
