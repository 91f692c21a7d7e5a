package com.example.quickstart;

import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.emulator.WebSocketTestClient;
import dev.apigw.websocket.test.AutoConfigureWebSocketEmulator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@AutoConfigureWebSocketEmulator
class NotificationTests {

	@Autowired
	WebSocketConnectionTemplate template;

	@Autowired
	WebSocketApiEmulator emulator;

	@Test
	void browserReceivesTextAndJson() {
		try (WebSocketTestClient browser = WebSocketTestClient.connect(this.emulator)) {
			this.template.send(browser.connectionId(), "hello");
			this.template.sendJson(browser.connectionId(), new Notice("build finished"));
			assertThat(browser.awaitMessages(2)).containsExactly("hello", "{\"text\":\"build finished\"}");
		}
	}

	record Notice(String text) {
	}

}
