package dev.apigw.websocket.sample;

import java.util.ArrayList;
import java.util.List;

import dev.apigw.websocket.inbound.InboundEventsHandler;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The {@code aws} profile needs {@code CHAT_INBOUND_SECRET}: without it the chat must not
 * start with the placeholder's text as its secret. The server binds 127.0.0.1 here, where
 * the profile would bind all interfaces.
 */
@ExtendWith(OutputCaptureExtension.class)
class ChatAwsProfileTests {

	@BeforeAll
	static void variableIsUnset() {
		assumeTrue(System.getenv("CHAT_INBOUND_SECRET") == null, "CHAT_INBOUND_SECRET is set in this environment");
	}

	@Test
	void withoutTheSecretVariableTheChatDoesNotStart(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run());
		assertThat(output).contains("APPLICATION FAILED TO START",
				"'apigw.websocket.inbound.secret' contains the unresolved placeholder '${CHAT_INBOUND_SECRET}'",
				"Set the environment variable or property 'CHAT_INBOUND_SECRET'");
	}

	@Test
	void withTheSecretVariableTheChatStarts() {
		try (ConfigurableApplicationContext context = run("--CHAT_INBOUND_SECRET=0123456789abcdef0123456789abcdef")) {
			assertThat(context.getBean(InboundEventsHandler.class)).isNotNull();
		}
	}

	private static ConfigurableApplicationContext run(String... extraArgs) {
		SpringApplication application = new SpringApplication(ChatApplication.class);
		application.setAdditionalProfiles("aws");
		List<String> args = new ArrayList<>(
				List.of("--CHAT_API_ID=abc123", "--CHAT_REGION=eu-west-1", "--server.address=127.0.0.1",
						"--server.port=0", "--spring.cloud.aws.credentials.access-key=AKIDEXAMPLE",
						"--spring.cloud.aws.credentials.secret-key=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));
		args.addAll(List.of(extraArgs));
		return application.run(args.toArray(String[]::new));
	}

}
