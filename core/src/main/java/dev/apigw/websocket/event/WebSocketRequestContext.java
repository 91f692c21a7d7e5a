package dev.apigw.websocket.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.apigw.websocket.WebSocketConnectionOperations;

import org.springframework.util.Assert;

/**
 * What API Gateway tells about the request behind an inbound event, beyond the connection
 * id, route and time the events carry themselves: the {@code requestContext} of a Lambda
 * event, or the little an HTTP integration maps. Also the way back: the operations that
 * reach the connection on the API that sent the event.
 * <p>
 * Its {@link #toString()} masks the values of authorizer entries whose names suggest
 * credentials.
 *
 * @param eventType {@code CONNECT}, {@code MESSAGE} or {@code DISCONNECT}
 * @param messageId the id API Gateway gave a message, or {@code null}
 * @param connectedAt when the connection was opened, or {@code null} when not known
 * @param domainName the domain name of the API, e.g.
 * {@code abc123.execute-api.eu-west-1.amazonaws.com}, or {@code null} when not known
 * @param stage the stage of the API, or {@code null} when not known
 * @param apiId the id of the API, or {@code null} when not known
 * @param sourceIp the IP address of the client, or {@code null} when not known
 * @param authorizer what a Lambda authorizer returned as context (and its
 * {@code principalId}), empty when none
 * @param base64Encoded whether the message body is base64-encoded (a binary payload)
 * @param operationsSource supplies the operations of the API that sent the event, or
 * {@code null} when the application cannot send (no management endpoint)
 * @author apigw-websocket
 * @since 0.1.0
 */
public record WebSocketRequestContext(String eventType, @Nullable String messageId, @Nullable Instant connectedAt,
		@Nullable String domainName, @Nullable String stage, @Nullable String apiId, @Nullable String sourceIp,
		Map<String, Object> authorizer, boolean base64Encoded,
		@Nullable Supplier<? extends WebSocketConnectionOperations> operationsSource) {

	public WebSocketRequestContext {
		Assert.hasText(eventType, "'eventType' must not be blank");
		Assert.notNull(authorizer, "'authorizer' must not be null");
		authorizer = Collections.unmodifiableMap(new LinkedHashMap<>(authorizer));
	}

	/**
	 * Return a context that knows the event type only, as for an HTTP integration that
	 * maps nothing more.
	 * @param eventType {@code CONNECT}, {@code MESSAGE} or {@code DISCONNECT}
	 * @param operationsSource supplies the operations to reply with, or {@code null}
	 * @return the context
	 */
	public static WebSocketRequestContext of(String eventType,
			@Nullable Supplier<? extends WebSocketConnectionOperations> operationsSource) {
		return new WebSocketRequestContext(eventType, null, null, null, null, null, null, Map.of(), false,
				operationsSource);
	}

	/**
	 * Return the operations that reach the connections of the API that sent the event.
	 * @return the operations
	 * @throws IllegalStateException when the application has no management endpoint to
	 * send with
	 */
	public WebSocketConnectionOperations operations() {
		Supplier<? extends WebSocketConnectionOperations> source = this.operationsSource;
		Assert.state(source != null,
				"No WebSocketConnectionOperations to send with: configure 'apigw.websocket.endpoint' (or "
						+ "'apigw.websocket.api-id'), or run the function on a Lambda integration that sends the API's "
						+ "domainName and stage");
		return source.get();
	}

	/**
	 * Describe the context with the values of authorizer entries whose names suggest
	 * credentials masked, by the rule of {@link WebSocketConnectEvent#toString()}.
	 */
	@Override
	public String toString() {
		return "WebSocketRequestContext" + describe();
	}

	// the events print it as their 'request'
	String describe() {
		Map<String, String> authorizerText = new LinkedHashMap<>();
		this.authorizer.forEach((name, value) -> authorizerText.put(name, String.valueOf(value)));
		return "[eventType=" + this.eventType + ", messageId=" + this.messageId + ", connectedAt=" + this.connectedAt
				+ ", domainName=" + this.domainName + ", stage=" + this.stage + ", apiId=" + this.apiId + ", sourceIp="
				+ this.sourceIp + ", authorizer=" + Redaction.values(authorizerText) + ", base64Encoded="
				+ this.base64Encoded + "]";
	}

}
