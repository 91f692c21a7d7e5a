package dev.apigw.websocket.event;

import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Immutable copies of multi-value maps for the inbound events.
 */
final class MultiValues {

	private MultiValues() {
	}

	static Map<String, List<String>> copy(Map<String, List<String>> source, Map<String, List<String>> target) {
		source.forEach((name, values) -> target.put(name, List.copyOf(values)));
		return Collections.unmodifiableMap(target);
	}

	static @Nullable String first(Map<String, List<String>> values, String name) {
		List<String> list = values.get(name);
		return (list == null || list.isEmpty()) ? null : list.get(0);
	}

}
