package dev.apigw.websocket.emulator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Management API responses in the AWS wire format: a request id and a date on every
 * response; errors carry {@code x-amzn-ErrorType} and a JSON {@code {"message": ...}}
 * body, which is what the AWS SDK reads to raise its typed exceptions (and the date is
 * what it corrects a skewed clock by).
 */
final class ManagementResponses {

	static final String ERROR_TYPE_HEADER = "x-amzn-ErrorType";

	static final String REQUEST_ID_HEADER = "x-amzn-RequestId";

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	/**
	 * The date header of the current second, formatted once per second, not per response.
	 */
	private static volatile HttpDate httpDate = new HttpDate(Long.MIN_VALUE, "");

	private ManagementResponses() {
	}

	static void error(Channel channel, boolean keepAlive, int status, String message) {
		error(channel, keepAlive, status, errorType(status), message);
	}

	static void error(Channel channel, boolean keepAlive, int status, String errorType, String message) {
		send(channel, keepAlive, errorResponse(status, errorType, message));
	}

	static FullHttpResponse errorResponse(int status, String errorType, String message) {
		FullHttpResponse response = response(HttpResponseStatus.valueOf(status),
				Json.write(Map.of("message", message)));
		response.headers().set(ERROR_TYPE_HEADER, errorType);
		return response;
	}

	static void json(Channel channel, boolean keepAlive, byte[] body) {
		send(channel, keepAlive, response(HttpResponseStatus.OK, body));
	}

	static void empty(Channel channel, boolean keepAlive, HttpResponseStatus status) {
		send(channel, keepAlive, response(status, new byte[0]));
	}

	/**
	 * The error type AWS sends for a status; unmodelled statuses still get a type so the
	 * SDK does not fail to parse, it raises its base exception for them.
	 */
	static String errorType(int status) {
		return switch (status) {
			case 400 -> "BadRequestException";
			case 403 -> "ForbiddenException";
			case 408 -> "RequestTimeoutException";
			case 410 -> "GoneException";
			case 413 -> "PayloadTooLargeException";
			case 429 -> "LimitExceededException";
			case 503 -> "ServiceUnavailableException";
			default -> (status >= 500) ? "InternalServerErrorException" : "BadRequestException";
		};
	}

	private static FullHttpResponse response(HttpResponseStatus status, byte[] body) {
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
				Unpooled.wrappedBuffer(body));
		response.headers()
			.set(REQUEST_ID_HEADER, requestId())
			.set(HttpHeaderNames.DATE, httpDate())
			.set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
			.set(HttpHeaderNames.CONTENT_LENGTH, body.length);
		return response;
	}

	/**
	 * A random version 4 UUID, as AWS request ids are; from the thread's random
	 * generator, since a request id needs no secure randomness and the shared secure one
	 * is a point of contention.
	 */
	static String requestId() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
		return new UUID(most, least).toString();
	}

	static String httpDate() {
		long second = System.currentTimeMillis() / 1000;
		HttpDate current = httpDate;
		if (current.second() != second) {
			current = new HttpDate(second, HTTP_DATE.format(Instant.ofEpochSecond(second)));
			httpDate = current;
		}
		return current.value();
	}

	private record HttpDate(long second, String value) {
	}

	/**
	 * Write a response; without keep-alive, say so and close the connection once it is
	 * written.
	 */
	static void send(Channel channel, boolean keepAlive, FullHttpResponse response) {
		if (keepAlive) {
			channel.writeAndFlush(response);
		}
		else {
			response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
		}
	}

}
