package dev.apigw.websocket.emulator;

import java.util.List;
import java.util.Map;

/**
 * One call of a route integration: the request, the connection it is about and, for
 * {@code $connect}, the client's handshake headers as sent (a Lambda event carries them
 * all, multi-valued).
 *
 * @param request what an HTTP integration or a route handler receives
 * @param connection the connection (for {@code $connect}, the one being opened)
 * @param handshakeHeaders the client's handshake headers without hop-by-hop headers,
 * empty except for {@code $connect}
 */
record Invocation(RouteRequest request, LiveConnection connection, Map<String, List<String>> handshakeHeaders) {

	Invocation(RouteRequest request, LiveConnection connection) {
		this(request, connection, Map.of());
	}

}
