package dev.apigw.websocket.sample;

import java.net.URI;
import java.util.Map;

import dev.apigw.websocket.emulator.WebSocketApiEmulator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tells the page where to connect: the embedded emulator, or the API set in
 * {@code chat.web-socket-url}.
 */
@RestController
final class ChatConfigController {

	private final URI webSocketUrl;

	ChatConfigController(ObjectProvider<WebSocketApiEmulator> emulator, ChatProperties properties) {
		WebSocketApiEmulator embedded = emulator.getIfAvailable();
		URI configured = properties.webSocketUrl();
		if (embedded != null) {
			this.webSocketUrl = embedded.webSocketUri();
		}
		else if (configured != null) {
			this.webSocketUrl = configured;
		}
		else {
			throw new IllegalStateException("'chat.web-socket-url' must be set when the emulator is off, for example "
					+ "to wss://abc123.execute-api.eu-west-1.amazonaws.com/prod");
		}
	}

	@GetMapping("/config")
	Map<String, String> config() {
		return Map.of("webSocketUrl", this.webSocketUrl.toString());
	}

}
