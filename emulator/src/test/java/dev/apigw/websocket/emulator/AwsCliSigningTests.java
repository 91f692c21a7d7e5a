package dev.apigw.websocket.emulator;

import java.nio.file.Path;
import java.util.Map;

import dev.apigw.websocket.testfixture.ManagementApiTestClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Signature verification against a second, independent SigV4 signer: the AWS CLI
 * (botocore), which does not send {@code x-amz-content-sha256}. Skipped only where no CLI
 * is installed; CI installs Debian's {@code awscli}.
 */
class AwsCliSigningTests {

	private static final ConnectionIdCapture ids = new ConnectionIdCapture();

	@TempDir
	static Path home;

	private static AwsCli cli;

	private static WebSocketApiEmulator emulator;

	@BeforeAll
	static void start() {
		cli = AwsCli.find(home).orElse(null);
		if (cli == null) {
			return;
		}
		emulator = SigningTests.startVerifying(ids);
	}

	@BeforeEach
	void requireCli() {
		Assumptions.assumeTrue(cli != null, "No AWS CLI at /usr/bin/aws, /usr/local/bin/aws, on PATH or in "
				+ "APIGW_AWS_CLI: install Debian's 'awscli' package to run the second-signer tests");
	}

	@AfterAll
	static void stop() {
		if (emulator != null) {
			emulator.close();
		}
	}

	@Test
	void postGetAndDeleteAreAcceptedForAnIdThatNeedsEncoding() {
		ConnectionIdCapture.Connected connected = ids.connect(emulator, SigningTests.AWKWARD_ID);
		AwsCli.Result post = aws(ManagementApiTestClients.SECRET_KEY, "post-to-connection", "--connection-id",
				connected.id(), "--cli-binary-format", "raw-in-base64-out", "--data", "signed by botocore");
		assertThat(post.exitCode()).as(post.stderr()).isZero();
		assertThat(connected.client().awaitMessages(1).get(0)).isEqualTo("signed by botocore");

		AwsCli.Result get = aws(ManagementApiTestClients.SECRET_KEY, "get-connection", "--connection-id",
				connected.id());
		assertThat(get.exitCode()).as(get.stderr()).isZero();
		@SuppressWarnings("unchecked")
		Map<String, Object> description = Json.MAPPER.readValue(get.stdout(), Map.class);
		assertThat(description).containsKeys("ConnectedAt", "LastActiveAt");
		assertThat(description.get("Identity")).isInstanceOfSatisfying(Map.class,
				(identity) -> assertThat(identity.get("SourceIp")).isEqualTo("127.0.0.1"));

		AwsCli.Result delete = aws(ManagementApiTestClients.SECRET_KEY, "delete-connection", "--connection-id",
				connected.id());
		assertThat(delete.exitCode()).as(delete.stderr()).isZero();
		assertThat(connected.client().awaitClose()).isEqualTo(1000);
	}

	@Test
	void wrongSecretIsInvalidSignature() {
		ConnectionIdCapture.Connected connected = ids.connect(emulator);
		AwsCli.Result post = aws("not-the-secret", "post-to-connection", "--connection-id", connected.id(),
				"--cli-binary-format", "raw-in-base64-out", "--data", "forged");
		assertThat(post.exitCode()).isNotZero();
		assertThat(post.stderr()).contains("(InvalidSignatureException)")
			.contains("signature we calculated does not match");
		assertThat(connected.client().messages()).isEmpty();
	}

	@Test
	void unknownAccessKeyIsUnrecognizedClient() {
		AwsCli.Result get = cli.run("AKIDSOMEONEELSE", ManagementApiTestClients.SECRET_KEY,
				ManagementApiTestClients.REGION, "--endpoint-url", emulator.managementEndpoint().toString(),
				"apigatewaymanagementapi", "get-connection", "--connection-id", "AAAAAAAAAAAAAAA=");
		assertThat(get.exitCode()).isNotZero();
		assertThat(get.stderr()).contains("(UnrecognizedClientException)");
	}

	private static AwsCli.Result aws(String secretKey, String... command) {
		String[] args = new String[command.length + 3];
		args[0] = "--endpoint-url";
		args[1] = emulator.managementEndpoint().toString();
		args[2] = "apigatewaymanagementapi";
		System.arraycopy(command, 0, args, 3, command.length);
		return cli.run(ManagementApiTestClients.ACCESS_KEY, secretKey, ManagementApiTestClients.REGION, args);
	}

}
