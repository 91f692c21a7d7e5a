package dev.apigw.websocket.emulator;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Flags of the standalone emulator.
 */
class EmulatorCommandLineTests {

	@Test
	void flagsConfigureTheEmulator() {
		try (WebSocketApiEmulator emulator = EmulatorCommandLine
			.parse("--port", "0", "--stage", "dev", "--route", "$connect=http://127.0.0.1:8080/apigw/websocket",
					"--route-response", "echo=http://127.0.0.1:8080/echo", "--throttle", "100,10", "--signing",
					"AKID:sec:ret:eu-west-1", "--idle-timeout", "30s", "--max-duration", "PT1H")
			.start()) {
			assertThat(emulator.webSocketUri().toString()).endsWith("/dev");
			assertThat(emulator.routes().get("$connect").uri()).hasToString("http://127.0.0.1:8080/apigw/websocket");
			assertThat(emulator.routes().get("echo").hasRouteResponse()).isTrue();
			assertThat(emulator.routes().get("$connect").hasRouteResponse()).isFalse();
		}
	}

	@Test
	void helpReturnsNoBuilder() {
		assertThat(EmulatorCommandLine.parse("--help")).isNull();
	}

	@Test
	void badFlagsNameTheProblem() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--port"))
			.withMessage("Flag '--port' needs a value");
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--throttle", "fast"))
			.withMessageContaining("RATE,BURST");
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--signing", "AKID:secret"))
			.withMessageContaining("ACCESS_KEY:SECRET:REGION");
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--route", "nourl"))
			.withMessageContaining("KEY=URL");
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--bogus"))
			.withMessage("Unknown flag '--bogus'");
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.parse("--route", "$bad=http://x"))
			.withMessageContaining("$connect, $disconnect or $default");
	}

	@Test
	void durationsAcceptShortAndIsoForms() {
		assertThat(EmulatorCommandLine.duration("500ms", "--x")).isEqualTo(Duration.ofMillis(500));
		assertThat(EmulatorCommandLine.duration("30s", "--x")).isEqualTo(Duration.ofSeconds(30));
		assertThat(EmulatorCommandLine.duration("10m", "--x")).isEqualTo(Duration.ofMinutes(10));
		assertThat(EmulatorCommandLine.duration("2h", "--x")).isEqualTo(Duration.ofHours(2));
		assertThat(EmulatorCommandLine.duration("PT5M", "--x")).isEqualTo(Duration.ofMinutes(5));
		assertThatIllegalArgumentException().isThrownBy(() -> EmulatorCommandLine.duration("soon", "--idle-timeout"))
			.withMessageContaining("'--idle-timeout' must be a duration");
	}

}
