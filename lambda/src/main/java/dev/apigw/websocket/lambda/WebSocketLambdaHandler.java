package dev.apigw.websocket.lambda;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.WebSocketConnectionOperations;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketConnectRejectedException;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;
import dev.apigw.websocket.event.WebSocketRequestContext;
import dev.apigw.websocket.inbound.InboundEventPublisher;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * The function that a Lambda integration of an API Gateway WebSocket API invokes, on
 * {@code $connect}, {@code $disconnect} and message routes: publishes the same
 * {@link WebSocketConnectEvent}, {@link WebSocketMessageEvent} and
 * {@link WebSocketDisconnectEvent} as the HTTP integration endpoint, through the same
 * {@link InboundEventPublisher} (which keeps the connection registry in step), and
 * answers what API Gateway expects.
 * <p>
 * Answers 200 when the event was handled, with the route response a message listener gave
 * ({@link WebSocketMessageEvent#respond(String)}) as body; on {@code $connect}, the
 * status of a {@link WebSocketConnectRejectedException} thrown by a listener (API Gateway
 * then refuses the upgrade); 500 when a listener failed (logged as an error); 400 for an
 * event without {@code requestContext}, connection id or a known event type, 413 for a
 * body over {@value WebSocketConnectionTemplate#MAX_PAYLOAD_BYTES} bytes, 403 for an
 * event of an API other than the configured one. Every refusal is logged as a warning.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class WebSocketLambdaHandler
		implements Function<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {

	private static final Log logger = LogFactory.getLog(WebSocketLambdaHandler.class);

	private final InboundEventPublisher publisher;

	private final EventApiTemplates apis;

	/**
	 * Create a handler.
	 * @param publisher publishes the events and keeps the registry in step
	 * @param apis the operations of the APIs the events come from
	 */
	public WebSocketLambdaHandler(InboundEventPublisher publisher, EventApiTemplates apis) {
		Assert.notNull(publisher, "'publisher' must not be null");
		Assert.notNull(apis, "'apis' must not be null");
		this.publisher = publisher;
		this.apis = apis;
	}

	@Override
	public APIGatewayV2WebSocketResponse apply(@Nullable APIGatewayV2WebSocketEvent event) {
		RequestContext requestContext = (event != null) ? event.getRequestContext() : null;
		if (event == null || requestContext == null) {
			return refused(400, "The event has no requestContext: this function expects the "
					+ "APIGatewayV2WebSocketEvent of an API Gateway WebSocket API's Lambda (AWS_PROXY) integration");
		}
		String connectionId = requestContext.getConnectionId();
		String eventType = requestContext.getEventType();
		if (!StringUtils.hasText(connectionId)) {
			return refused(400, "The event has no requestContext.connectionId");
		}
		if (eventType == null
				|| !(eventType.equals("CONNECT") || eventType.equals("MESSAGE") || eventType.equals("DISCONNECT"))) {
			return refused(400, "Unknown requestContext.eventType '" + eventType + "' of connection " + connectionId
					+ ": expected CONNECT, MESSAGE or DISCONNECT");
		}
		ManagementEndpoint api = api(requestContext);
		String foreign = this.apis.refusal(api);
		if (foreign != null) {
			return refused(403, "Refused the " + eventType + " event of connection " + connectionId + ": " + foreign);
		}
		String body = (event.getBody() != null) ? event.getBody() : "";
		int size = bodySize(body, event.isIsBase64Encoded());
		if (size > WebSocketConnectionTemplate.MAX_PAYLOAD_BYTES) {
			return refused(413,
					"Refused the " + eventType + " event of connection " + connectionId + ": its body of " + size
							+ " bytes is over API Gateway's maximum of " + WebSocketConnectionTemplate.MAX_PAYLOAD_BYTES
							+ " bytes");
		}
		WebSocketRequestContext context = context(event, requestContext, eventType, api);
		Instant time = (requestContext.getRequestTimeEpoch() > 0)
				? Instant.ofEpochMilli(requestContext.getRequestTimeEpoch()) : Instant.now();
		if (eventType.equals("CONNECT")) {
			return connect(event, connectionId, time, context);
		}
		try {
			return eventType.equals("MESSAGE") ? message(requestContext, connectionId, body, time, context)
					: disconnect(connectionId, time, context);
		}
		catch (RuntimeException ex) {
			// answered, so that the invocation is not retried as a function error
			logger.error("A " + eventType.toLowerCase(Locale.ROOT) + " listener failed for connection " + connectionId,
					ex);
			return response(500, "Listener failed");
		}
	}

	private APIGatewayV2WebSocketResponse connect(APIGatewayV2WebSocketEvent event, String connectionId, Instant time,
			WebSocketRequestContext context) {
		WebSocketConnectEvent connect = new WebSocketConnectEvent(connectionId,
				multiValues(event.getMultiValueQueryStringParameters(), event.getQueryStringParameters()),
				multiValues(event.getMultiValueHeaders(), event.getHeaders()), time, context);
		try {
			this.publisher.connect(connect);
		}
		catch (WebSocketConnectRejectedException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug(
						"Connection " + connectionId + " rejected with " + ex.getStatusCode() + ": " + ex.getMessage());
			}
			return response(ex.getStatusCode(), String.valueOf(ex.getMessage()));
		}
		catch (RuntimeException ex) {
			// fail closed: API Gateway refuses the connection
			logger.error("A connect listener failed; refused connection " + connectionId, ex);
			return response(500, "Connect listener failed");
		}
		return response(200, "");
	}

	private APIGatewayV2WebSocketResponse message(RequestContext requestContext, String connectionId, String body,
			Instant time, WebSocketRequestContext context) {
		String routeKey = StringUtils.hasText(requestContext.getRouteKey()) ? requestContext.getRouteKey() : "$default";
		WebSocketMessageEvent message = new WebSocketMessageEvent(connectionId, routeKey, body, time, context);
		this.publisher.message(message);
		// API Gateway sends the body to the client when the route has a route response
		String routeResponse = message.routeResponse().take();
		return response(200, (routeResponse != null) ? routeResponse : "");
	}

	private APIGatewayV2WebSocketResponse disconnect(String connectionId, Instant time,
			WebSocketRequestContext context) {
		// aws-lambda-java-events' RequestContext has no disconnectStatusCode and
		// disconnectReason
		this.publisher.disconnect(connectionId, WebSocketDisconnectEvent.NO_STATUS_CODE, null, time, context);
		return response(200, "");
	}

	private WebSocketRequestContext context(APIGatewayV2WebSocketEvent event, RequestContext requestContext,
			String eventType, @Nullable ManagementEndpoint api) {
		RequestIdentity identity = requestContext.getIdentity();
		Map<String, Object> authorizer = (requestContext.getAuthorizer() != null) ? requestContext.getAuthorizer()
				: Map.of();
		Supplier<? extends WebSocketConnectionOperations> operations = this.apis.operations(api);
		return new WebSocketRequestContext(eventType, requestContext.getMessageId(),
				(requestContext.getConnectedAt() > 0) ? Instant.ofEpochMilli(requestContext.getConnectedAt()) : null,
				requestContext.getDomainName(), requestContext.getStage(), requestContext.getApiId(),
				(identity != null) ? identity.getSourceIp() : null, authorizer, event.isIsBase64Encoded(), operations);
	}

	/**
	 * The management endpoint of the API that sent the event:
	 * {@code https://{domainName}/{stage}}, on plain HTTP for a loopback domain (a local
	 * emulator).
	 */
	static @Nullable ManagementEndpoint api(RequestContext requestContext) {
		String domainName = requestContext.getDomainName();
		String stage = requestContext.getStage();
		if (!StringUtils.hasText(domainName) || !StringUtils.hasText(stage)) {
			return null;
		}
		URI uri;
		try {
			String scheme = isLoopback(domainName) ? "http" : "https";
			uri = new URI(scheme + "://" + domainName + "/" + stage);
		}
		catch (Exception ex) {
			return null;
		}
		if (uri.getHost() == null) {
			return null;
		}
		ManagementEndpoint endpoint = ManagementEndpoint.of(uri);
		String apiId = (endpoint.apiId() != null) ? endpoint.apiId() : requestContext.getApiId();
		return new ManagementEndpoint(endpoint.uri(), apiId, stage, endpoint.region());
	}

	private static boolean isLoopback(String domainName) {
		String host = domainName.contains(":") && !domainName.startsWith("[")
				? domainName.substring(0, domainName.indexOf(':')) : domainName;
		return host.equals("localhost") || host.startsWith("127.") || host.startsWith("[::1]");
	}

	private static int bodySize(String body, boolean base64Encoded) {
		if (base64Encoded) {
			// decoded size, without decoding
			int padding = body.endsWith("==") ? 2 : body.endsWith("=") ? 1 : 0;
			return (int) Math.max(0, (body.length() * 3L) / 4 - padding);
		}
		return (body.length() > WebSocketConnectionTemplate.MAX_PAYLOAD_BYTES / 3)
				? body.getBytes(StandardCharsets.UTF_8).length : body.length();
	}

	private static Map<String, List<String>> multiValues(@Nullable Map<String, List<String>> multi,
			@Nullable Map<String, String> single) {
		Map<String, List<String>> values = new LinkedHashMap<>();
		if (single != null) {
			single.forEach((name, value) -> values.put(name, List.of((value != null) ? value : "")));
		}
		if (multi != null) {
			multi.forEach((name, list) -> {
				if (list != null) {
					values.put(name, list.stream().map((value) -> (value != null) ? value : "").toList());
				}
			});
		}
		return values;
	}

	private static APIGatewayV2WebSocketResponse refused(int status, String message) {
		logger.warn(message);
		return response(status, message);
	}

	private static APIGatewayV2WebSocketResponse response(int status, String body) {
		APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
		response.setStatusCode(status);
		response.setBody(body);
		return response;
	}

}
