package dev.apigw.websocket.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketConnectRejectedException;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.MultiValueMap;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Turns an integration request into an inbound event, whatever the web stack: checks the
 * shared secret, the size of the body and the {@link InboundHeaders headers} that the
 * integration maps, then hands the event to an {@link InboundEventPublisher}.
 * <p>
 * Answers 200 when the event was handled (with the route response a message listener gave
 * as body), 403 when the shared secret does not match, 413 when the body is larger than
 * the maximum, 400 when a mapped header is missing, unknown or sent more than once and,
 * on {@code $connect}, the status of a {@link WebSocketConnectRejectedException} thrown
 * by a listener. Everything but the body size of a request without {@code Content-Length}
 * is checked before the body is read.
 */
final class InboundEventDispatcher {

	private static final Log logger = LogFactory.getLog(InboundEventDispatcher.class);

	private final InboundRefusalLog refusals = new InboundRefusalLog(logger);

	private final InboundEventPublisher publisher;

	private final @Nullable SharedSecret secret;

	private final long maxBodySize;

	/**
	 * Create a dispatcher.
	 * @param publisher publishes the events
	 * @param secret the secret every request must carry, or {@code null} to accept any
	 * request
	 * @param maxBodySize the maximum size of a request body in bytes
	 */
	InboundEventDispatcher(InboundEventPublisher publisher, @Nullable SharedSecret secret, long maxBodySize) {
		Assert.notNull(publisher, "'publisher' must not be null");
		Assert.isTrue(maxBodySize > 0 && maxBodySize < Integer.MAX_VALUE,
				"'maxBodySize' must be positive and less than 2GB");
		this.publisher = publisher;
		this.secret = secret;
		this.maxBodySize = maxBodySize;
	}

	/**
	 * Return the maximum size of a request body; a handler reads at most one byte more.
	 */
	int maxBodySize() {
		return (int) this.maxBodySize;
	}

	/**
	 * Check what can be checked before the body is read: the shared secret, the announced
	 * size of the body and the mapped headers.
	 * @return the refusal to answer, or {@code null} to read the body and
	 * {@link #dispatch(InboundRequest, byte[]) dispatch} the request
	 */
	@Nullable InboundResponse refuse(InboundRequest request) {
		if (this.secret != null && !this.secret.matches(request.header(this.secret.headerName()))) {
			this.refusals.refused(403,
					"no shared secret, or a wrong one, in header '" + this.secret.headerName() + "'");
			return InboundResponse.FORBIDDEN;
		}
		long contentLength = request.headers().getContentLength();
		if (contentLength > this.maxBodySize) {
			return bodyTooLarge("Request body of " + contentLength + " bytes (Content-Length)");
		}
		InboundResponse duplicate = duplicateHeader(request, InboundHeaders.CONNECTION_ID);
		if (duplicate == null) {
			duplicate = duplicateHeader(request, InboundHeaders.EVENT_TYPE);
		}
		if (duplicate != null) {
			return duplicate;
		}
		String connectionId = request.header(InboundHeaders.CONNECTION_ID);
		String eventType = request.header(InboundHeaders.EVENT_TYPE);
		if (connectionId == null || connectionId.isBlank()) {
			return missingHeader(InboundHeaders.CONNECTION_ID);
		}
		if (eventType == null) {
			return missingHeader(InboundHeaders.EVENT_TYPE);
		}
		if (!eventType.equals("CONNECT") && !eventType.equals("MESSAGE") && !eventType.equals("DISCONNECT")) {
			return badRequest("Unknown value '" + eventType + "' of header '" + InboundHeaders.EVENT_TYPE
					+ "': expected CONNECT, MESSAGE or DISCONNECT; map integration.request.header."
					+ InboundHeaders.EVENT_TYPE + " = context.eventType in the route's integration");
		}
		if (eventType.equals("MESSAGE") && !StringUtils.hasText(request.header(InboundHeaders.ROUTE_KEY))) {
			return missingHeader(InboundHeaders.ROUTE_KEY);
		}
		return null;
	}

	/**
	 * The answer to a request whose body turned out larger than the maximum while it was
	 * read.
	 */
	InboundResponse bodyTooLarge() {
		return bodyTooLarge("Request body");
	}

	/**
	 * Handle a request that {@link #refuse(InboundRequest)} has accepted.
	 * @param request the request
	 * @param body its body, at most the maximum size
	 */
	InboundResponse dispatch(InboundRequest request, byte[] body) {
		String connectionId = request.header(InboundHeaders.CONNECTION_ID);
		String eventType = request.header(InboundHeaders.EVENT_TYPE);
		Assert.state(connectionId != null && eventType != null, "The request must have been checked with refuse()");
		Instant time = requestTime(request);
		return switch (eventType) {
			case "CONNECT" -> connect(request, connectionId, time);
			case "MESSAGE" -> message(request, connectionId, time, body);
			default -> disconnect(request, connectionId, time);
		};
	}

	private InboundResponse connect(InboundRequest request, String connectionId, Instant time) {
		WebSocketConnectEvent event = new WebSocketConnectEvent(connectionId, queryParameters(request),
				clientHeaders(request), time, this.publisher.httpContext("CONNECT"));
		try {
			this.publisher.connect(event);
		}
		catch (WebSocketConnectRejectedException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug(
						"Connection " + connectionId + " rejected with " + ex.getStatusCode() + ": " + ex.getMessage());
			}
			return new InboundResponse(ex.getStatusCode(), String.valueOf(ex.getMessage()));
		}
		return InboundResponse.OK;
	}

	private InboundResponse message(InboundRequest request, String connectionId, Instant time, byte[] body) {
		String routeKey = request.header(InboundHeaders.ROUTE_KEY);
		Assert.state(routeKey != null, "The request must have been checked with refuse()");
		String text = new String(body, StandardCharsets.UTF_8);
		WebSocketMessageEvent event = new WebSocketMessageEvent(connectionId, routeKey, text, time,
				this.publisher.httpContext("MESSAGE"));
		this.publisher.message(event);
		// API Gateway sends the body to the client when the route has a route response
		String routeResponse = event.routeResponse().take();
		return (routeResponse != null) ? new InboundResponse(200, routeResponse) : InboundResponse.OK;
	}

	private InboundResponse disconnect(InboundRequest request, String connectionId, Instant time) {
		this.publisher.disconnect(connectionId, disconnectStatusCode(request),
				request.header(InboundHeaders.DISCONNECT_REASON), time);
		return InboundResponse.OK;
	}

	private static Map<String, List<String>> queryParameters(InboundRequest request) {
		MultiValueMap<String, String> raw = UriComponentsBuilder.fromUri(request.uri()).build().getQueryParams();
		Map<String, List<String>> decoded = new LinkedHashMap<>();
		raw.forEach((name, values) -> decoded.put(decode(name),
				values.stream().map((value) -> (value != null) ? decode(value) : "").toList()));
		return decoded;
	}

	private static String decode(String value) {
		return UriUtils.decode(value, StandardCharsets.UTF_8);
	}

	private Map<String, List<String>> clientHeaders(InboundRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		request.headers().forEach((name, values) -> {
			if (this.secret == null || !name.equalsIgnoreCase(this.secret.headerName())) {
				headers.put(name, values);
			}
		});
		return headers;
	}

	private static Instant requestTime(InboundRequest request) {
		String epochMillis = request.header(InboundHeaders.REQUEST_TIME_EPOCH);
		try {
			return (epochMillis != null) ? Instant.ofEpochMilli(Long.parseLong(epochMillis)) : Instant.now();
		}
		catch (NumberFormatException ex) {
			return Instant.now();
		}
	}

	private static int disconnectStatusCode(InboundRequest request) {
		String statusCode = request.header(InboundHeaders.DISCONNECT_STATUS_CODE);
		try {
			return (statusCode != null) ? Integer.parseInt(statusCode) : WebSocketDisconnectEvent.NO_STATUS_CODE;
		}
		catch (NumberFormatException ex) {
			return WebSocketDisconnectEvent.NO_STATUS_CODE;
		}
	}

	/**
	 * A header that API Gateway sends once, found more than once: in several header
	 * lines, or joined with commas into one line (as proxies join repeated headers).
	 * Taking either value would be a guess.
	 */
	private @Nullable InboundResponse duplicateHeader(InboundRequest request, String name) {
		List<String> values = request.headers().get(name);
		if (values == null || (values.size() == 1 && values.get(0).indexOf(',') < 0)) {
			return null;
		}
		String how = (values.size() > 1) ? values.size() + " header lines" : "a comma-separated list";
		return badRequest("Header '" + name + "' has more than one value (" + how + "): API Gateway sends it once;"
				+ " map integration.request.header." + name + " = context." + name
				+ " once in the route's integration and make sure nothing on the way adds another");
	}

	private InboundResponse bodyTooLarge(String what) {
		String message = what + " is over the maximum of " + this.maxBodySize
				+ " bytes set by 'apigw.websocket.inbound.max-body-size'";
		this.refusals.refused(413, message);
		return new InboundResponse(413, message);
	}

	private InboundResponse missingHeader(String name) {
		return badRequest("Missing header '" + name + "': map integration.request.header." + name + " = context." + name
				+ " in the route's integration");
	}

	private InboundResponse badRequest(String message) {
		this.refusals.refused(400, message);
		return new InboundResponse(400, message);
	}

}
