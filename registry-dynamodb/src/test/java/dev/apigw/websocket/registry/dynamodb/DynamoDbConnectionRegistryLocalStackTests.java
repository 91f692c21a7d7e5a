package dev.apigw.websocket.registry.dynamodb;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

import dev.apigw.websocket.registry.ConnectionRegistry;
import dev.apigw.websocket.registry.ConnectionRegistryContractTests;
import dev.apigw.websocket.registry.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link DynamoDbConnectionRegistry} against LocalStack's DynamoDB, which,
 * unlike dynalite, also enables the table's TTL. Needs Docker: skipped without it.
 */
@Testcontainers(disabledWithoutDocker = true)
class DynamoDbConnectionRegistryLocalStackTests extends ConnectionRegistryContractTests {

	@Container
	static final LocalStackContainer localStack = new LocalStackContainer(
			DockerImageName.parse("localstack/localstack:4.9"))
		.withServices("dynamodb");

	private static DynamoDbClient client;

	private final String tableName = "registry-" + UUID.randomUUID();

	@BeforeAll
	static void connect() {
		client = DynamoDbClient.builder()
			.endpointOverride(localStack.getEndpoint())
			.region(Region.of(localStack.getRegion()))
			.credentialsProvider(StaticCredentialsProvider
				.create(AwsBasicCredentials.create(localStack.getAccessKey(), localStack.getSecretKey())))
			.build();
	}

	@AfterAll
	static void disconnect() {
		if (client != null) {
			client.close();
		}
	}

	@Override
	protected ConnectionRegistry createRegistry(MutableClock clock, Duration timeToLive) {
		DynamoDbConnectionRegistry registry = DynamoDbConnectionRegistryTests.createRegistry(client, this.tableName,
				clock, timeToLive);
		assertThat(client.describeTimeToLive((request) -> request.tableName(this.tableName))
			.timeToLiveDescription()
			.timeToLiveStatus()).isIn(TimeToLiveStatus.ENABLED, TimeToLiveStatus.ENABLING);
		return registry;
	}

	@Override
	protected Workload workload() {
		return new Workload(4, 60, 8, 60);
	}

	@Override
	protected void assertStoreHoldsOnly(Set<String> connectionIds) {
		List<Map<String, AttributeValue>> items = client
			.scanPaginator((request) -> request.tableName(this.tableName).consistentRead(true))
			.items()
			.stream()
			.toList();
		items.forEach((item) -> assertThat(connectionIds).contains(item.get("connectionId").s()));
	}

}
