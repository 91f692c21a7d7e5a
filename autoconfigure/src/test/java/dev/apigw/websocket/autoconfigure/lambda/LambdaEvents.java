package dev.apigw.websocket.autoconfigure.lambda;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Fixtures in the shape of AWS's documented WebSocket Lambda events, and how the Lambda
 * Java runtime hands them to a {@code RequestStreamHandler}: JSON in, JSON out.
 */
final class LambdaEvents {

	private LambdaEvents() {
	}

	static String fixture(String name, Map<String, String> replacements) {
		try (InputStream in = LambdaEvents.class.getResourceAsStream("/lambda/" + name + ".json")) {
			String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			for (Map.Entry<String, String> replacement : replacements.entrySet()) {
				json = json.replace(replacement.getKey(), replacement.getValue());
			}
			return json;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String message(String connectionId, String domainName, String stage, String body, boolean base64) {
		return fixture("message", Map.of("CONNECTION_ID", connectionId, "DOMAIN_NAME", domainName, "STAGE", stage,
				"\"BODY\"", "\"" + body + "\"", "BASE64", String.valueOf(base64)));
	}

	static String invoke(FunctionInvoker invoker, String event) {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try {
			invoker.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return output.toString(StandardCharsets.UTF_8);
	}

}
