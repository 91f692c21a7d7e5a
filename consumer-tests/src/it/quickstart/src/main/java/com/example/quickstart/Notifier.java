package com.example.quickstart;

import dev.apigw.websocket.WebSocketConnectionTemplate;

import org.springframework.stereotype.Service;

@Service
class Notifier {

	private final WebSocketConnectionTemplate template;

	Notifier(WebSocketConnectionTemplate template) {
		this.template = template;
	}

	void buildFinished(String connectionId) {
		this.template.send(connectionId, "hello");
		this.template.sendJson(connectionId, new Notice("build finished"));   // {"text":"build finished"}
	}

	record Notice(String text) {
	}

}
