package dev.apigw.websocket;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * Responses of the {@code @connections} API as API Gateway sends them.
 */
final class ManagementApiStubs {

	static final String CONNECTIONS_PATH = "/prod/@connections/";

	private ManagementApiStubs() {
	}

	static ResponseDefinitionBuilder ok() {
		return aResponse().withStatus(200);
	}

	/**
	 * An error answer with the service's {@code x-amzn-ErrorType} header.
	 */
	static ResponseDefinitionBuilder error(int status, String errorType) {
		return errorWithoutType(status).withHeader("x-amzn-ErrorType", errorType);
	}

	/**
	 * An error answer without {@code x-amzn-ErrorType}, as emulators and proxies send it:
	 * the SDK then raises its base exception.
	 */
	static ResponseDefinitionBuilder errorWithoutType(int status) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"stubbed " + status + "\"}");
	}

}
