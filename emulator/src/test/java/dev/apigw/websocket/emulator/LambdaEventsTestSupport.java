package dev.apigw.websocket.emulator;

import java.util.Map;

/**
 * Reading the nested maps of a Lambda event in tests.
 */
final class LambdaEventsTestSupport {

	private LambdaEventsTestSupport() {
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> context(Map<String, Object> event) {
		return (Map<String, Object>) event.get("requestContext");
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Map<String, Object> map, String key) {
		return (Map<String, Object>) map.get(key);
	}

}
