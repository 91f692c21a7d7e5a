package dev.apigw.websocket.autoconfigure.inbound;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import dev.apigw.websocket.inbound.InboundHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defaults of {@link InboundEventsProperties} that the documentation states.
 */
class InboundEventsPropertiesTests {

	private final InboundEventsProperties properties = new InboundEventsProperties();

	@Test
	void maxBodySizeIsApiGatewaysMessageLimitPlusEightKilobytes() {
		assertThat(this.properties.getMaxBodySize()).isEqualTo(DataSize.ofBytes(131072 + 8192));
	}

	@Test
	void unauthenticatedRequestsAreNotAllowed() {
		assertThat(this.properties.isAllowUnauthenticated()).isFalse();
	}

	@Test
	void secretHeaderIsXApigwSecret() {
		assertThat(this.properties.getSecretHeader()).isEqualTo("X-Apigw-Secret");
		assertThat(this.properties.getSecret()).isNull();
	}

	@Test
	void secretHeaderMatchesTheDefaultOfTheHeaderContract() {
		// a literal in the properties, so that the configuration metadata shows it
		assertThat(this.properties.getSecretHeader()).isEqualTo(InboundHeaders.DEFAULT_SECRET_HEADER);
	}

}
