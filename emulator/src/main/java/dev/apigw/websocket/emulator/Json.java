package dev.apigw.websocket.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The emulator's one JSON mapper and the small documents it writes.
 */
final class Json {

	static final JsonMapper MAPPER = JsonMapper.builder().build();

	private Json() {
	}

	/**
	 * What API Gateway sends a client when its message could not be handled, e.g.
	 * {@code {"message": "Internal server error", "connectionId": "...", "requestId":
	 * "..."}}.
	 */
	static byte[] clientError(String message, String connectionId) {
		Map<String, String> document = new LinkedHashMap<>();
		document.put("message", message);
		document.put("connectionId", connectionId);
		document.put("requestId", ConnectionIds.next());
		return MAPPER.writeValueAsBytes(document);
	}

	static byte[] write(Object document) {
		return MAPPER.writeValueAsBytes(document);
	}

}
