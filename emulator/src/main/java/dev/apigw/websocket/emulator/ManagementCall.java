package dev.apigw.websocket.emulator;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import org.jspecify.annotations.Nullable;

/**
 * One management API request, its body copied out of Netty's buffer so it can be answered
 * later (the headers are plain objects, a new set for every request).
 *
 * @param method HTTP method
 * @param rawPath path as sent, still percent-encoded
 * @param rawQuery query string as sent, or {@code null}
 * @param headers request headers
 * @param body request body
 * @param idSegment the path segment after {@code @connections}, still percent-encoded
 * @param keepAlive whether the client keeps the HTTP connection open
 */
record ManagementCall(HttpMethod method, String rawPath, @Nullable String rawQuery, HttpHeaders headers, byte[] body,
		String idSegment, boolean keepAlive) {

}
