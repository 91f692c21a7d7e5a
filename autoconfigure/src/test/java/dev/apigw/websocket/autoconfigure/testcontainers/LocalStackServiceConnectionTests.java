package dev.apigw.websocket.autoconfigure.testcontainers;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.autoconfigure.WebSocketApiConnectionDetails;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The template pointed at a LocalStack container through {@link ServiceConnection}.
 * LocalStack serves the @connections API only in its paid image, so this test needs
 * Docker and a {@code LOCALSTACK_AUTH_TOKEN} environment variable; without either it is
 * skipped.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = { "apigw.websocket.api-id=" + LocalStackServiceConnectionTests.API_ID,
		"apigw.websocket.stage=" + LocalStackServiceConnectionTests.STAGE, "spring.cloud.aws.region.static=us-east-1",
		// a web application without a secret would not start, and this test is about the
		// template
		"apigw.websocket.inbound.enabled=false" })
class LocalStackServiceConnectionTests {

	static final String API_ID = "apigwtest";

	static final String STAGE = "test";

	private static final String AUTH_TOKEN = System.getenv("LOCALSTACK_AUTH_TOKEN");

	@ServiceConnection
	static final LocalStackContainer localStack = new LocalStackContainer(
			DockerImageName.parse("localstack/localstack-pro:4.9").asCompatibleSubstituteFor("localstack/localstack"))
		.withEnv("LOCALSTACK_AUTH_TOKEN", String.valueOf(AUTH_TOKEN));

	@Autowired
	private WebSocketApiConnectionDetails connectionDetails;

	@Autowired
	private WebSocketConnectionTemplate template;

	@Autowired
	@Qualifier("apigwWebSocketHealthIndicator")
	private HealthIndicator healthIndicator;

	@BeforeAll
	static void requireAuthToken() {
		assumeTrue(AUTH_TOKEN != null && !AUTH_TOKEN.isBlank(),
				"LOCALSTACK_AUTH_TOKEN is not set: LocalStack serves the @connections API only in its paid image");
	}

	@Test
	void templateReachesWebSocketApiInLocalStack() throws Exception {
		createWebSocketApi();
		assertThat(this.connectionDetails.getEndpoint().getPath())
			.isEqualTo("/_aws/execute-api/" + API_ID + "/" + STAGE);
		assertThat(this.template.getConnection("aGVhbHRoY2hlY2s=")).isEmpty();
		assertThat(this.healthIndicator.health().getStatus()).isEqualTo(Status.UP);
	}

	private static void createWebSocketApi() throws Exception {
		awslocal("apigatewayv2", "create-api", "--name", "apigw-websocket-test", "--protocol-type", "WEBSOCKET",
				"--route-selection-expression", "$request.body.action", "--tags", "_custom_id_=" + API_ID);
		awslocal("apigatewayv2", "create-stage", "--api-id", API_ID, "--stage-name", STAGE);
	}

	private static void awslocal(String... arguments) throws Exception {
		String[] command = new String[arguments.length + 1];
		command[0] = "awslocal";
		System.arraycopy(arguments, 0, command, 1, arguments.length);
		ExecResult result = localStack.execInContainer(command);
		assertThat(result.getExitCode()).as(result.getStderr()).isZero();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
