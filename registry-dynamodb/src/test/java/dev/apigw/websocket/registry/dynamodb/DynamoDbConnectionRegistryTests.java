package dev.apigw.websocket.registry.dynamodb;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

import dev.apigw.websocket.registry.ConnectionRegistry;
import dev.apigw.websocket.registry.ConnectionRegistryContractTests;
import dev.apigw.websocket.registry.ConnectionRegistryException;
import dev.apigw.websocket.registry.LoopbackServerProcess;
import dev.apigw.websocket.registry.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link DynamoDbConnectionRegistry} against dynalite.
 */
@ExtendWith(DynaliteExtension.class)
class DynamoDbConnectionRegistryTests extends ConnectionRegistryContractTests {

	private static DynamoDbClient client;

	// each test has a table of its own
	private final String tableName = "registry-" + UUID.randomUUID();

	@BeforeAll
	static void connect(Dynalite dynalite) {
		client = dynalite.client();
	}

	@AfterAll
	static void disconnect() {
		if (client != null) {
			client.close();
		}
	}

	@Override
	protected ConnectionRegistry createRegistry(MutableClock clock, Duration timeToLive) {
		return createRegistry(client, this.tableName, clock, timeToLive);
	}

	static DynamoDbConnectionRegistry createRegistry(DynamoDbClient client, String tableName, MutableClock clock,
			Duration timeToLive) {
		DynamoDbConnectionRegistry registry = new DynamoDbConnectionRegistry(client, tableName);
		registry.setClock(clock);
		registry.setTimeToLive(timeToLive);
		registry.createTableIfMissing();
		return registry;
	}

	@Override
	protected Workload workload() {
		return new Workload(4, 50, 6, 60);
	}

	@Override
	protected void assertStoreHoldsOnly(Set<String> connectionIds) {
		List<Map<String, AttributeValue>> items = scan();
		Set<String> connections = items.stream()
			.filter((item) -> item.get("sk").s().equals("CONN"))
			.map((item) -> item.get("connectionId").s())
			.collect(Collectors.toSet());
		assertThat(connections).containsExactlyInAnyOrderElementsOf(connectionIds);
		items.forEach((item) -> assertThat(connectionIds).as("connection of %s", item)
			.contains(item.get("connectionId").s()));
	}

	@Test
	void itemsFollowTheDocumentedSingleTableDesign() {
		registry().register("Aq3=", "ada", Map.of("plan", "pro"));
		registry().join("Aq3=", "lobby");
		long expiresAt = registry().find("Aq3=").orElseThrow().expiresAt().getEpochSecond();
		long registeredAt = registry().find("Aq3=").orElseThrow().registeredAt().toEpochMilli();

		Map<String, Map<String, AttributeValue>> items = scan().stream()
			.collect(Collectors.toMap((item) -> item.get("sk").s(), (item) -> item));

		assertThat(items).containsOnlyKeys("CONN", "GROUP#lobby");
		assertThat(items.get("CONN"))
			.isEqualTo(Map.of("pk", AttributeValue.fromS("CONN#Aq3="), "sk", AttributeValue.fromS("CONN"), "gsi1pk",
					AttributeValue.fromS("USER#ada"), "gsi1sk", AttributeValue.fromS("Aq3="), "connectionId",
					AttributeValue.fromS("Aq3="), "userId", AttributeValue.fromS("ada"), "attributes",
					AttributeValue.fromM(Map.of("plan", AttributeValue.fromS("pro"))), "registeredAt",
					AttributeValue.fromN(Long.toString(registeredAt)), "expiresAt",
					AttributeValue.fromN(Long.toString(expiresAt))));
		assertThat(items.get("GROUP#lobby")).isEqualTo(Map.of("pk", AttributeValue.fromS("CONN#Aq3="), "sk",
				AttributeValue.fromS("GROUP#lobby"), "gsi1pk", AttributeValue.fromS("GROUP#lobby"), "gsi1sk",
				AttributeValue.fromS("Aq3="), "connectionId", AttributeValue.fromS("Aq3="), "groupName",
				AttributeValue.fromS("lobby"), "expiresAt", AttributeValue.fromN(Long.toString(expiresAt))));
	}

	@Test
	void createsTheDocumentedTableOnce() {
		TableDescription table = client.describeTable((request) -> request.tableName(this.tableName)).table();

		assertThat(table.keySchema()).containsExactly(key("pk", KeyType.HASH), key("sk", KeyType.RANGE));
		assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
		assertThat(table.globalSecondaryIndexes()).hasSize(1);
		GlobalSecondaryIndexDescription index = table.globalSecondaryIndexes().get(0);
		assertThat(index.indexName()).isEqualTo("gsi1");
		assertThat(index.keySchema()).containsExactly(key("gsi1pk", KeyType.HASH), key("gsi1sk", KeyType.RANGE));
		assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.INCLUDE);
		assertThat(index.projection().nonKeyAttributes()).containsExactly("expiresAt");
		assertThat(new DynamoDbConnectionRegistry(client, this.tableName).createTableIfMissing()).isFalse();
	}

	@Test
	void expiredItemsThatDynamoDbHasNotDeletedYetAreIgnored() {
		registry().register("a", "ada", Map.of());
		registry().join("a", "lobby");
		this.clock.advance(TTL.plusSeconds(1));

		assertThat(scan()).hasSize(2);
		assertThat(registry().contains("a")).isFalse();
		assertThat(registry().groupMembers("lobby")).isEmpty();
		assertThat(registry().userConnections("ada")).isEmpty();
		assertThat(registry().size()).isZero();
	}

	@Test
	void missingTableFailsWithAConnectionRegistryException() {
		DynamoDbConnectionRegistry registry = new DynamoDbConnectionRegistry(client, "no-such-table");
		assertThatExceptionOfType(ConnectionRegistryException.class).isThrownBy(() -> registry.find("a"))
			.withMessageStartingWith(
					"Connection registry on DynamoDB table 'no-such-table' failed to find: Requested resource not found")
			.satisfies((ex) -> assertThat(ex.getOperation()).isEqualTo("find"));
	}

	@Test
	void dynamoDbThatIsDownFailsWithAConnectionRegistryException() {
		try (DynamoDbClient down = Dynalite
			.clientBuilder(URI.create("http://127.0.0.1:" + LoopbackServerProcess.freePort()))
			.overrideConfiguration((override) -> override.retryStrategy(AwsRetryStrategy.doNotRetry()))
			.build()) {
			DynamoDbConnectionRegistry registry = new DynamoDbConnectionRegistry(down, "connections");
			assertThatExceptionOfType(ConnectionRegistryException.class)
				.isThrownBy(() -> registry.register("a", Map.of()))
				.withMessageStartingWith("Connection registry on DynamoDB table 'connections' failed to register: ")
				.withMessageContaining("Connection refused")
				.satisfies((ex) -> assertThat(ex.getStore()).isEqualTo("DynamoDB table 'connections'"));
		}
	}

	@Test
	void dynamoDbThatDoesNotAnswerFailsWithAConnectionRegistryExceptionAfterTheApiCallTimeout() throws Exception {
		List<Socket> accepted = new CopyOnWriteArrayList<>();
		ExecutorService acceptor = Executors.newSingleThreadExecutor();
		try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
			acceptor.submit(() -> {
				while (!silent.isClosed()) {
					try {
						accepted.add(silent.accept());
					}
					catch (IOException ex) {
						return;
					}
				}
			});
			URI endpoint = URI.create("http://127.0.0.1:" + silent.getLocalPort());
			try (DynamoDbClient slow = Dynalite.clientBuilder(endpoint)
				.overrideConfiguration((override) -> override.apiCallTimeout(Duration.ofMillis(300)))
				.build()) {
				DynamoDbConnectionRegistry registry = new DynamoDbConnectionRegistry(slow, this.tableName);
				assertThatExceptionOfType(ConnectionRegistryException.class)
					.isThrownBy(() -> registry.groupMembers("lobby"))
					.withMessageStartingWith("Connection registry on DynamoDB table '" + this.tableName
							+ "' failed to look up group members: ")
					.withMessageContaining("300");
			}
		}
		finally {
			acceptor.shutdownNow();
			for (Socket socket : accepted) {
				socket.close();
			}
		}
	}

	@Test
	void invalidSettingsAreRejected() {
		DynamoDbConnectionRegistry registry = new DynamoDbConnectionRegistry(client, this.tableName);
		assertThat(registry.getTimeToLive()).isEqualTo(Duration.ofHours(2));
		assertThatIllegalArgumentException().isThrownBy(() -> registry.setTimeToLive(Duration.ofMillis(999)))
			.withMessage("'timeToLive' must be at least one second, but was PT0.999S");
		assertThatIllegalArgumentException().isThrownBy(() -> new DynamoDbConnectionRegistry(client, " "))
			.withMessage("'tableName' must not be blank");
	}

	private List<Map<String, AttributeValue>> scan() {
		return client.scanPaginator((request) -> request.tableName(this.tableName).consistentRead(true))
			.items()
			.stream()
			.toList();
	}

	private static KeySchemaElement key(String name, KeyType type) {
		return KeySchemaElement.builder().attributeName(name).keyType(type).build();
	}

}
