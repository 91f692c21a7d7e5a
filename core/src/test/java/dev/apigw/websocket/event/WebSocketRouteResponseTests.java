package dev.apigw.websocket.event;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link WebSocketMessageEvent#respond(String)}: one bounded route response, given while
 * the event is handled.
 */
class WebSocketRouteResponseTests {

	private final WebSocketMessageEvent event = new WebSocketMessageEvent("Msg=", "$default", "hi", Instant.EPOCH);

	@Test
	void respondGivesTheBodyTheIntegrationTakes() {
		assertThat(this.event.routeResponse().body()).isNull();
		this.event.respond("answer");
		assertThat(this.event.routeResponse().take()).isEqualTo("answer");
	}

	@Test
	void noResponseIsNull() {
		assertThat(this.event.routeResponse().take()).isNull();
	}

	@Test
	void responseOverTheLimitIsRefusedNamingTheSizes() {
		// 65,537 two-byte characters: under the limit in characters, over it in bytes
		String large = "\u00e9".repeat(WebSocketRouteResponse.MAX_BYTES / 2 + 1);
		assertThatIllegalArgumentException().isThrownBy(() -> this.event.respond(large))
			.withMessage("Route response is 131074 bytes, more than API Gateway's maximum of 131072 bytes: "
					+ "send large payloads with the template instead");
		this.event.respond("\u00e9".repeat(WebSocketRouteResponse.MAX_BYTES / 2));
		assertThat(this.event.routeResponse().take()).hasSize(WebSocketRouteResponse.MAX_BYTES / 2);
	}

	@Test
	void secondResponseIsRefused() {
		this.event.respond("first");
		assertThatIllegalStateException().isThrownBy(() -> this.event.respond("second"))
			.withMessageContaining("only one listener may respond");
		assertThat(this.event.routeResponse().take()).isEqualTo("first");
	}

	@Test
	void responseAfterTheIntegrationAnsweredIsRefused() {
		this.event.routeResponse().take();
		assertThatIllegalStateException().isThrownBy(() -> this.event.respond("late"))
			.withMessageContaining("respond from a synchronous listener");
		assertThat(this.event.routeResponse().body()).isNull();
	}

}
