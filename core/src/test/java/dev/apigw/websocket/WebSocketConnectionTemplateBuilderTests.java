package dev.apigw.websocket;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link WebSocketConnectionTemplate.Builder}.
 */
class WebSocketConnectionTemplateBuilderTests {

	@Test
	void missingClientIsNamed() {
		assertThatIllegalStateException()
			.isThrownBy(() -> WebSocketConnectionTemplate.builder()
				.endpoint(ManagementEndpoint.of(URI.create("http://127.0.0.1:1/prod")))
				.build())
			.withMessage("'client' (the sync ApiGatewayManagementApiClient) is required");
	}

	@Test
	void missingEndpointIsNamed() {
		try (ManagementApiClients clients = new ManagementApiClients(1, Duration.ofSeconds(1))) {
			assertThatIllegalStateException()
				.isThrownBy(() -> WebSocketConnectionTemplate.builder()
					.client(clients.client)
					.asyncClient(clients.asyncClient)
					.build())
				.withMessage("'endpoint' (the ManagementEndpoint) is required");
		}
	}

}
