package dev.apigw.websocket.inbound;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SharedSecret}.
 */
class SharedSecretTests {

	private final SharedSecret secret = new SharedSecret("X-Apigw-Secret", "0123456789abcdef");

	@Test
	void matchesOnlyTheSecretItself() {
		assertThat(this.secret.matches("0123456789abcdef")).isTrue();
		assertThat(this.secret.matches("0123456789abcdeF")).isFalse();
		assertThat(this.secret.matches("0123456789abcdef ")).isFalse();
		assertThat(this.secret.matches("")).isFalse();
		assertThat(this.secret.matches(null)).isFalse();
	}

	@Test
	void blankHeaderOrValueIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SharedSecret(" ", "0123456789abcdef"))
			.withMessage("'headerName' must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> new SharedSecret("X-Apigw-Secret", ""))
			.withMessage("'value' must not be blank");
	}

}
