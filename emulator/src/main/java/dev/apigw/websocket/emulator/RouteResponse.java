package dev.apigw.websocket.emulator;

import org.jspecify.annotations.Nullable;

/**
 * Answer of a route integration.
 *
 * @param statusCode HTTP status code; 2xx means success
 * @param body response body, sent back to the client only when the route has a route
 * response (see {@link RouteIntegration#withRouteResponse()}); {@code null} for none
 * @since 0.1.0
 */
public record RouteResponse(int statusCode, @Nullable String body) {

	/**
	 * Create a response.
	 * @param statusCode HTTP status code, from 100 to 599
	 * @param body response body or {@code null}
	 */
	public RouteResponse {
		if (statusCode < 100 || statusCode > 599) {
			throw new IllegalArgumentException("'statusCode' must be between 100 and 599 but was " + statusCode);
		}
	}

	/**
	 * A 200 response without a body.
	 * @return the response
	 */
	public static RouteResponse ok() {
		return new RouteResponse(200, null);
	}

	/**
	 * A 200 response with a body.
	 * @param body the body
	 * @return the response
	 */
	public static RouteResponse ok(String body) {
		return new RouteResponse(200, body);
	}

	/**
	 * A response with the given status and no body, e.g. {@code status(401)} to reject a
	 * {@code $connect}.
	 * @param statusCode HTTP status code
	 * @return the response
	 */
	public static RouteResponse status(int statusCode) {
		return new RouteResponse(statusCode, null);
	}

	/**
	 * Whether the status code is 2xx.
	 * @return {@code true} for a successful response
	 */
	public boolean isSuccessful() {
		return this.statusCode >= 200 && this.statusCode < 300;
	}

}
