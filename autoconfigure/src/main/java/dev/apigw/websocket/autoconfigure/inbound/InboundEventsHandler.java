package dev.apigw.websocket.autoconfigure.inbound;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketConnectRejectedException;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;
import jakarta.servlet.ServletException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.Assert;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * Handles the requests of API Gateway's HTTP integrations: reads the connection id, event
 * type and route key from the headers that the integration maps, checks the shared secret
 * and hands the event to an {@link InboundEventPublisher}.
 * <p>
 * Answers 200 when the event was handled, 403 when the shared secret does not match, 400
 * when a mapped header is missing and, on {@code $connect}, the status of a
 * {@link WebSocketConnectRejectedException} thrown by a listener.
 */
public final class InboundEventsHandler implements HandlerFunction<ServerResponse> {

	/** Header mapped from {@code context.connectionId}. */
	public static final String CONNECTION_ID_HEADER = "connectionId";

	/** Header mapped from {@code context.eventType}: CONNECT, MESSAGE or DISCONNECT. */
	public static final String EVENT_TYPE_HEADER = "eventType";

	/** Header mapped from {@code context.routeKey}. */
	public static final String ROUTE_KEY_HEADER = "routeKey";

	/** Optional header mapped from {@code context.requestTimeEpoch} (milliseconds). */
	public static final String REQUEST_TIME_EPOCH_HEADER = "requestTimeEpoch";

	/** Optional header mapped from {@code context.disconnectStatusCode}. */
	public static final String DISCONNECT_STATUS_CODE_HEADER = "disconnectStatusCode";

	/** Optional header mapped from {@code context.disconnectReason}. */
	public static final String DISCONNECT_REASON_HEADER = "disconnectReason";

	private static final Log logger = LogFactory.getLog(InboundEventsHandler.class);

	private final InboundEventPublisher publisher;

	private final @Nullable SharedSecret secret;

	/**
	 * Create a handler.
	 * @param publisher publishes the events
	 * @param secret the secret every request must carry, or {@code null} to accept any request
	 */
	public InboundEventsHandler(InboundEventPublisher publisher, @Nullable SharedSecret secret) {
		Assert.notNull(publisher, "'publisher' must not be null");
		this.publisher = publisher;
		this.secret = secret;
	}

	@Override
	public ServerResponse handle(ServerRequest request) throws IOException, ServletException {
		if (this.secret != null && !this.secret.matches(header(request, this.secret.headerName()))) {
			logger.warn("Refused an inbound request without the shared secret in header '"
					+ this.secret.headerName() + "'");
			return ServerResponse.status(HttpStatus.FORBIDDEN).build();
		}
		String connectionId = header(request, CONNECTION_ID_HEADER);
		String eventType = header(request, EVENT_TYPE_HEADER);
		if (connectionId == null || connectionId.isBlank()) {
			return missingHeader(CONNECTION_ID_HEADER);
		}
		if (eventType == null) {
			return missingHeader(EVENT_TYPE_HEADER);
		}
		Instant time = requestTime(request);
		return switch (eventType) {
			case "CONNECT" -> connect(request, connectionId, time);
			case "MESSAGE" -> message(request, connectionId, time);
			case "DISCONNECT" -> disconnect(request, connectionId, time);
			default -> badRequest("Unknown value '" + eventType + "' of header '" + EVENT_TYPE_HEADER
					+ "': expected CONNECT, MESSAGE or DISCONNECT; map integration.request.header." + EVENT_TYPE_HEADER
					+ " = context.eventType in the route's integration");
		};
	}

	private ServerResponse connect(ServerRequest request, String connectionId, Instant time) {
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
			return ServerResponse.status(ex.getStatusCode())
				.contentType(MediaType.TEXT_PLAIN)
				.body(String.valueOf(ex.getMessage()));
		}
		return ServerResponse.ok().build();
	}

	private ServerResponse message(ServerRequest request, String connectionId, Instant time)
			throws IOException, ServletException {
		String routeKey = header(request, ROUTE_KEY_HEADER);
		if (routeKey == null || routeKey.isBlank()) {
			return missingHeader(ROUTE_KEY_HEADER);
		}
		String body = new String(request.body(byte[].class), StandardCharsets.UTF_8);
		this.publisher.message(new WebSocketMessageEvent(connectionId, routeKey, body, time));
		return ServerResponse.ok().build();
	}

	private ServerResponse disconnect(ServerRequest request, String connectionId, Instant time) {
		this.publisher.disconnect(connectionId, disconnectStatusCode(request),
				header(request, DISCONNECT_REASON_HEADER), time);
		return ServerResponse.ok().build();
	}

	private Map<String, List<String>> queryParameters(ServerRequest request) {
		MultiValueMap<String, String> raw = UriComponentsBuilder.fromUri(request.uri()).build().getQueryParams();
		Map<String, List<String>> decoded = new LinkedHashMap<>();
		raw.forEach((name, values) -> decoded.put(decode(name),
				values.stream().map((value) -> (value != null) ? decode(value) : "").toList()));
		return decoded;
	}

	private static String decode(String value) {
		return UriUtils.decode(value, StandardCharsets.UTF_8);
	}

	private Map<String, List<String>> clientHeaders(ServerRequest request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		request.headers().asHttpHeaders().forEach((name, values) -> {
			if (this.secret == null || !name.equalsIgnoreCase(this.secret.headerName())) {
				headers.put(name, values);
			}
		});
		return headers;
	}

	private static Instant requestTime(ServerRequest request) {
		String epochMillis = header(request, REQUEST_TIME_EPOCH_HEADER);
		try {
			return (epochMillis != null) ? Instant.ofEpochMilli(Long.parseLong(epochMillis)) : Instant.now();
		}
		catch (NumberFormatException ex) {
			return Instant.now();
		}
	}

	private static int disconnectStatusCode(ServerRequest request) {
		String statusCode = header(request, DISCONNECT_STATUS_CODE_HEADER);
		try {
			return (statusCode != null) ? Integer.parseInt(statusCode) : WebSocketDisconnectEvent.NO_STATUS_CODE;
		}
		catch (NumberFormatException ex) {
			return WebSocketDisconnectEvent.NO_STATUS_CODE;
		}
	}

	private static @Nullable String header(ServerRequest request, String name) {
		return request.headers().firstHeader(name);
	}

	private static ServerResponse missingHeader(String name) {
		return badRequest("Missing header '" + name + "': map integration.request.header." + name + " = context."
				+ name + " in the route's integration");
	}

	private static ServerResponse badRequest(String message) {
		logger.warn("Refused an inbound request: " + message);
		return ServerResponse.badRequest().contentType(MediaType.TEXT_PLAIN).body(message);
	}

}
