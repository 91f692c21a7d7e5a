package dev.apigw.websocket.emulator;

import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * What an integration answered, whatever its kind: a status and the bytes that a route
 * response sends back to the client.
 *
 * @param statusCode HTTP status code; 2xx means success
 * @param body response body, or {@code null} for none
 */
record IntegrationResult(int statusCode, byte @Nullable [] body) {

	static IntegrationResult of(RouteResponse response) {
		String body = response.body();
		return new IntegrationResult(response.statusCode(),
				(body != null) ? body.getBytes(StandardCharsets.UTF_8) : null);
	}

	boolean isSuccessful() {
		return this.statusCode >= 200 && this.statusCode < 300;
	}

	String bodyAsString() {
		return (this.body != null) ? new String(this.body, StandardCharsets.UTF_8) : "";
	}

}
