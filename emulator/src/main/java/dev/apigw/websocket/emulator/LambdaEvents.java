package dev.apigw.websocket.emulator;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Builds the {@code APIGatewayV2WebSocketEvent} that API Gateway sends a Lambda proxy
 * integration, with the field names and shapes of AWS's documented events (see
 * {@code docs/emulator.md}).
 */
final class LambdaEvents {

	/**
	 * {@code $context.requestTime}: CLF format, e.g. {@code 09/Feb/2024:18:11:43 +0000}.
	 */
	private static final DateTimeFormatter REQUEST_TIME = DateTimeFormatter
		.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US)
		.withZone(ZoneOffset.UTC);

	private final String stage;

	private final String apiId;

	private volatile String domainName;

	LambdaEvents(String stage, String apiId, String domainName) {
		this.stage = stage;
		this.apiId = apiId;
		this.domainName = domainName;
	}

	/**
	 * The host and port clients reach the emulator on, once it is bound: the event's
	 * {@code domainName}, so that {@code http://{domainName}/{stage}} is the management
	 * endpoint.
	 */
	void domainName(String domainName) {
		this.domainName = domainName;
	}

	Map<String, Object> event(Invocation invocation) {
		RouteRequest request = invocation.request();
		LiveConnection connection = invocation.connection();
		Map<String, Object> event = new LinkedHashMap<>();
		if (request.eventType() == EventType.CONNECT) {
			Map<String, List<String>> headers = new LinkedHashMap<>(invocation.handshakeHeaders());
			forwarded(headers, connection);
			event.put("headers", singleValued(headers));
			event.put("multiValueHeaders", headers);
			Map<String, List<String>> query = query(request.queryString());
			if (!query.isEmpty()) {
				event.put("queryStringParameters", singleValued(query));
				event.put("multiValueQueryStringParameters", query);
			}
		}
		else if (request.eventType() == EventType.DISCONNECT) {
			Map<String, List<String>> headers = new LinkedHashMap<>();
			headers.put("Host", List.of(this.domainName));
			headers.put("X-Forwarded-For", List.of(connection.sourceIp()));
			event.put("headers", singleValued(headers));
			event.put("multiValueHeaders", headers);
		}
		event.put("requestContext", requestContext(request, connection));
		if (request.eventType() == EventType.MESSAGE) {
			byte[] body = request.body();
			event.put("body", request.binary() ? Base64.getEncoder().encodeToString(body)
					: new String(body, StandardCharsets.UTF_8));
		}
		event.put("isBase64Encoded", request.eventType() == EventType.MESSAGE && request.binary());
		return event;
	}

	private Map<String, Object> requestContext(RouteRequest request, LiveConnection connection) {
		String requestId = ConnectionIds.next();
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("routeKey", request.routeKey());
		if (request.eventType() == EventType.MESSAGE) {
			context.put("messageId", ConnectionIds.next());
		}
		if (request.eventType() == EventType.DISCONNECT) {
			context.put("disconnectStatusCode", request.disconnectStatusCode());
			context.put("disconnectReason", String.valueOf(request.disconnectReason()));
		}
		context.put("eventType", request.eventType().name());
		context.put("extendedRequestId", requestId);
		context.put("requestTime", REQUEST_TIME.format(Instant.ofEpochMilli(request.requestTimeEpoch())));
		context.put("messageDirection", "IN");
		context.put("stage", this.stage);
		context.put("connectedAt", connection.connectedAt().toEpochMilli());
		context.put("requestTimeEpoch", request.requestTimeEpoch());
		Map<String, Object> identity = new LinkedHashMap<>();
		identity.put("sourceIp", connection.sourceIp());
		identity.put("userAgent", connection.userAgent().isEmpty() ? null : connection.userAgent());
		context.put("identity", identity);
		context.put("requestId", requestId);
		context.put("domainName", this.domainName);
		context.put("connectionId", connection.id());
		context.put("apiId", this.apiId);
		return context;
	}

	private void forwarded(Map<String, List<String>> headers, LiveConnection connection) {
		headers.putIfAbsent("X-Forwarded-For", List.of(connection.sourceIp()));
		int colon = this.domainName.lastIndexOf(':');
		headers.putIfAbsent("X-Forwarded-Port", List.of((colon >= 0) ? this.domainName.substring(colon + 1) : "80"));
		headers.putIfAbsent("X-Forwarded-Proto", List.of("http"));
	}

	/** API Gateway's single-valued maps hold the last value of each name. */
	private static Map<String, String> singleValued(Map<String, List<String>> multiValued) {
		Map<String, String> single = new LinkedHashMap<>();
		multiValued.forEach((name, values) -> single.put(name, values.get(values.size() - 1)));
		return single;
	}

	static Map<String, List<String>> query(@Nullable String rawQuery) {
		Map<String, List<String>> query = new LinkedHashMap<>();
		if (rawQuery == null || rawQuery.isEmpty()) {
			return query;
		}
		for (String pair : rawQuery.split("&")) {
			if (pair.isEmpty()) {
				continue;
			}
			int equals = pair.indexOf('=');
			String name = decode((equals >= 0) ? pair.substring(0, equals) : pair);
			String value = (equals >= 0) ? decode(pair.substring(equals + 1)) : "";
			query.computeIfAbsent(name, (key) -> new ArrayList<>()).add(value);
		}
		return query;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return text; // malformed percent-encoding: passed on as sent
		}
	}

}
