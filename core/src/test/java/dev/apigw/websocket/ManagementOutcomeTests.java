package dev.apigw.websocket;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ManagementOutcome}.
 */
class ManagementOutcomeTests {

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "0, io_error", "200, success", "400, client_error", "403, forbidden", "404, client_error", "410, gone",
			"413, payload_too_large", "429, throttled", "500, server_error", "503, server_error", "302, server_error" })
	void classifiesByStatusCode(int statusCode, String tagValue) {
		assertThat(ManagementOutcome.forStatusCode(statusCode).tagValue()).isEqualTo(tagValue);
	}

	@Test
	void failuresWithoutAResponseHaveTagsOfTheirOwn() {
		assertThat(ManagementOutcome.CONNECT_ERROR.tagValue()).isEqualTo("connect_error");
		assertThat(ManagementOutcome.CONFIGURATION_ERROR.tagValue()).isEqualTo("configuration_error");
	}

}
