package dev.apigw.websocket.event;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code toString()} of the inbound events, which ends up in logs: no credentials, no
 * message text.
 */
class InboundEventToStringTests {

	private static final Instant TIME = Instant.ofEpochMilli(1700000000000L);

	private static final List<String> SECRETS = List.of("Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0", "session=abc123",
			"chat.v1, tok-in-protocol", "api-key-value", "my-auth-token", "query-token-value", "hunter2",
			"client-secret-value", "aws-signature-value", "shared-secret-of-the-integration", "attribute-token");

	@Test
	void connectEventRedactsCredentialHeadersAndQueryParameters() {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		headers.put("Authorization", List.of("Bearer eyJhbGciOiJIUzI1NiJ9.c2VjcmV0"));
		headers.put("cookie", List.of("session=abc123"));
		headers.put("Sec-WebSocket-Protocol", List.of("chat.v1, tok-in-protocol"));
		headers.put("X-Api-Key", List.of("api-key-value"));
		headers.put("X-Auth-Token", List.of("my-auth-token"));
		headers.put("X-Apigw-Secret", List.of("shared-secret-of-the-integration"));
		headers.put("User-Agent", List.of("Mozilla/5.0"));
		Map<String, List<String>> query = new LinkedHashMap<>();
		query.put("access_token", List.of("query-token-value"));
		query.put("Password", List.of("hunter2"));
		query.put("client_secret", List.of("client-secret-value"));
		query.put("X-Amz-Signature", List.of("aws-signature-value"));
		query.put("room", List.of("lobby", "kitchen"));
		String text = new WebSocketConnectEvent("Abc=", query, headers, TIME).toString();
		assertThat(text).doesNotContain(SECRETS);
		assertThat(text).contains("Abc=", "User-Agent=[Mozilla/5.0]", "room=[lobby, kitchen]", "Authorization=******",
				"access_token=******", TIME.toString());
	}

	@Test
	void messageEventPrintsTheLengthOfTheBodyOnly() {
		String body = "{\"action\":\"sendmessage\",\"text\":\"my password is hunter2\"}";
		String text = new WebSocketMessageEvent("Msg=", "sendmessage", body, TIME).toString();
		assertThat(text).doesNotContain("hunter2", "password", "sendmessage\",", "text");
		assertThat(text).contains("Msg=", "routeKey=sendmessage", "body=(" + body.length() + " characters)");
	}

	@Test
	void disconnectEventRedactsCredentialAttributes() {
		Map<String, String> attributes = new LinkedHashMap<>();
		attributes.put("user", "ann");
		attributes.put("sessionToken", "attribute-token");
		String text = new WebSocketDisconnectEvent("Bye=", 1001, "Going away", attributes, TIME).toString();
		assertThat(text).doesNotContain(SECRETS);
		assertThat(text).contains("Bye=", "1001", "Going away", "user=ann", "sessionToken=******");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "Sec-WebSocket-Protocol",
			"X-Api-Key", "x-amz-security-token", "X-Amz-Credential", "X-Apigw-Secret", "PASSWORD", "jwt",
			"sid_session" })
	void credentialNamesAreSensitive(String name) {
		assertThat(Redaction.isSensitive(name)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "User-Agent", "Host", "Origin", "X-Forwarded-For", "room", "name", "user" })
	void otherNamesAreShown(String name) {
		assertThat(Redaction.isSensitive(name)).isFalse();
	}

}
