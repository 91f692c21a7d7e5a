package dev.apigw.websocket.sample;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.condition.EnabledIf;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.ActiveProfiles;

import dev.apigw.websocket.emulator.WebSocketApiEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser test of {@link ChatBrowserTests} with the {@code lambda} profile: the chat
 * runs as the function that the emulator's Lambda integration invokes
 * ({@code WebSocketLambdaHandler} through the function bean), not behind the inbound
 * endpoint.
 */
@ActiveProfiles("lambda")
@EnabledIf(value = "dev.apigw.websocket.sample.ChatBrowserTests#browserInstalled",
		disabledReason = ChatBrowserTests.SKIP_REASON)
class ChatBrowserLambdaTests extends ChatBrowserTests {

	@Autowired
	private WebSocketApiEmulator emulator;

	@BeforeEach
	void routesInvokeTheFunction() {
		assertThat(this.emulator.routes()).containsOnlyKeys("$connect", "$disconnect", "$default");
		assertThat(this.emulator.routes().values()).allSatisfy((route) -> assertThat(route.isLambda()).isTrue());
	}

}
