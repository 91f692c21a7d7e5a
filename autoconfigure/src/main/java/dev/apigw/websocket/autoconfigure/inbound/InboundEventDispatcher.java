package dev.apigw.websocket.autoconfigure.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketConnectRejectedException;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.MultiValueMap;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Turns an integration request into an inbound event, whatever the web stack: checks the
 * shared secret, reads the connection id, event type and route key from the headers that
 * the integration maps, and hands the event to an {@link InboundEventPublisher}.
 * <p>
 * Answers 200 when the event was handled, 403 when the shared secret does not match, 400
 * when a mapped header is missing and, on {@code $connect}, the status of a
 * {@link WebSocketConnectRejectedException} thrown by a listener.
 */
final class InboundEventDispatcher {

	/** Header mapped from {@code context.connectionId}. */
	static final String CONNECTION_ID_HEADER = "connectionId";

	/** Header mapped from {@code context.eventType}: CONNECT, MESSAGE or DISCONNECT. */
	static final String EVENT_TYPE_HEADER = "eventType";

	/** Header mapped from {@code context.routeKey}. */
	static final String ROUTE_KEY_HEADER = "routeKey";

	/** Optional header mapped from {@code context.requestTimeEpoch} (milliseconds). */
	static final String REQUEST_TIME_EPOCH_HEADER = "requestTimeEpoch";

	/** Optional header with the close status code of a {@code $disconnect}. */
	static final String DISCONNECT_STATUS_CODE_HEADER = "disconnectStatusCode";

	/** Optional header with the close reason of a {@code $disconnect}. */
	static final String DISCONNECT_REASON_HEADER = "disconnectReason";

	private static final Log logger = LogFactory.getLog(InboundEventDispatcher.class);

	private final InboundEventPublisher publisher;

	private final @Nullable SharedSecret secret;

	InboundEventDispatcher(InboundEventPublisher publisher, @Nullable SharedSecret secret) {
		Assert.notNull(publisher, "'publisher' must not be null");
		this.publisher = publisher;
		this.secret = secret;
	}

	/**
	 * Whether the request carries the shared secret (or none is required). Checked before
	 * the body is read.
	 */
	boolean isAuthorized(InboundRequest request) {
		if (this.secret == null || this.secret.matches(request.header(this.secret.headerName()))) {
			return true;
		}
		logger.warn("Refused an inbound request without the shared secret in header '" + this.secret.headerName()
				+ "'");
		return false;
	}

	/**
	 * Handle a request; the body is read only for messages.
	 */
	InboundResponse dispatch(InboundRequest request, Callable<byte[]> body) throws Exception {
		if (!isAuthorized(request)) {
			return InboundResponse.FORBIDDEN;
		}
		return dispatchAuthorized(request, body);
	}

	/**
	 * Handle a request that {@link #isAuthorized(InboundRequest)} has accepted already; the
	 * body is read only for messages.
	 */
	InboundResponse dispatchAuthorized(InboundRequest request, Callable<byte[]> body) throws Exception {
		String connectionId = request.header(CONNECTION_ID_HEADER);
		String eventType = request.header(EVENT_TYPE_HEADER);
		if (connectionId == null || connectionId.isBlank()) {
			return missingHeader(CONNECTION_ID_HEADER);
		}
		if (eventType == null) {
			return missingHeader(EVENT_TYPE_HEADER);
		}
		Instant time = requestTime(request);
		return switch (eventType) {
			case "CONNECT" -> connect(request, connectionId, time);
			case "MESSAGE" -> message(request, connectionId, time, body);
			case "DISCONNECT" -> disconnect(request, connectionId, time);
			default -> badRequest("Unknown value '" + eventType + "' of header '" + EVENT_TYPE_HEADER
					+ "': expected CONNECT, MESSAGE or DISCONNECT; map integration.request.header." + EVENT_TYPE_HEADER
					+ " = context.eventType in the route's integration");
		};
	}

	private InboundResponse connect(InboundRequest request, String connectionId, Instant time) {
		WebSocketConnectEvent event = new WebSocketConnectEvent(connectionId, queryParameters(request),
				clientHeaders(request), time);
		try {
			this.publisher.connect(event);
		}
		catch (WebSocketConnectRejectedException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Connection " + connectionId + " rejected with " + ex.getStatusCode() + ": "
						+ ex.getMessage());
			}
			return new InboundResponse(ex.getStatusCode(), String.valueOf(ex.getMessage()));
		}
		return InboundResponse.OK;
	}

	private InboundResponse message(InboundRequest request, String connectionId, Instant time, Callable<byte[]> body)
			throws Exception {
		String routeKey = request.header(ROUTE_KEY_HEADER);
		if (routeKey == null || routeKey.isBlank()) {
			return missingHeader(ROUTE_KEY_HEADER);
		}
		String text = new String(body.call(), StandardCharsets.UTF_8);
		this.publisher.message(new WebSocketMessageEvent(connectionId, routeKey, text, time));
		return InboundResponse.OK;
	}

	private InboundResponse disconnect(InboundRequest request, String connectionId, Instant time) {
		this.publisher.disconnect(connectionId, disconnectStatusCode(request),
				request.header(DISCONNECT_REASON_HEADER), time);
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
		String epochMillis = request.header(REQUEST_TIME_EPOCH_HEADER);
		try {
			return (epochMillis != null) ? Instant.ofEpochMilli(Long.parseLong(epochMillis)) : Instant.now();
		}
		catch (NumberFormatException ex) {
			return Instant.now();
		}
	}

	private static int disconnectStatusCode(InboundRequest request) {
		String statusCode = request.header(DISCONNECT_STATUS_CODE_HEADER);
		try {
			return (statusCode != null) ? Integer.parseInt(statusCode) : WebSocketDisconnectEvent.NO_STATUS_CODE;
		}
		catch (NumberFormatException ex) {
			return WebSocketDisconnectEvent.NO_STATUS_CODE;
		}
	}

	private static InboundResponse missingHeader(String name) {
		return badRequest("Missing header '" + name + "': map integration.request.header." + name + " = context."
				+ name + " in the route's integration");
	}

	private static InboundResponse badRequest(String message) {
		logger.warn("Refused an inbound request: " + message);
		return new InboundResponse(400, message);
	}

}
