package dev.apigw.websocket.emulator;

import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A route selection expression of the form {@code $request.body.path.to.field}, evaluated
 * against a JSON message body.
 */
final class RouteSelectionExpression {

	private static final String PREFIX = "$request.body.";

	private final String expression;

	private final List<String> path;

	private RouteSelectionExpression(String expression, List<String> path) {
		this.expression = expression;
		this.path = path;
	}

	static RouteSelectionExpression parse(String expression) {
		if (expression == null || !expression.startsWith(PREFIX) || expression.length() == PREFIX.length()
				|| expression.contains("..") || expression.endsWith(".")) {
			throw new IllegalArgumentException(
					"'routeSelectionExpression' must look like '$request.body.action' but was '" + expression + "'");
		}
		return new RouteSelectionExpression(expression, List.of(expression.substring(PREFIX.length()).split("\\.")));
	}

	/**
	 * The selected value, or {@code null} when the body is not JSON or has no scalar at
	 * the path.
	 */
	@Nullable String evaluate(byte[] body) {
		JsonNode node;
		try {
			node = Json.MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
		for (String field : this.path) {
			if (node == null || !node.isObject()) {
				return null;
			}
			node = node.get(field);
		}
		return (node != null && node.isValueNode() && !node.isNull()) ? node.asString() : null;
	}

	@Override
	public String toString() {
		return this.expression;
	}

}
