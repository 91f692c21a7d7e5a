package dev.apigw.websocket.registry.dynamodb;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteItemEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.BatchWriteResult;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryEnhancedRequest;
import software.amazon.awssdk.enhanced.dynamodb.model.WriteBatch;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.paginators.ScanIterable;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

import org.springframework.core.log.LogMessage;
import org.springframework.util.Assert;

import dev.apigw.websocket.registry.ConnectionRegistry;
import dev.apigw.websocket.registry.ConnectionRegistryException;
import dev.apigw.websocket.registry.RegisteredConnection;

import static dev.apigw.websocket.registry.RegistryArguments.checkConnectionId;
import static dev.apigw.websocket.registry.RegistryArguments.checkGroupName;
import static dev.apigw.websocket.registry.RegistryArguments.checkRegistration;
import static dev.apigw.websocket.registry.RegistryArguments.checkUserId;

/**
 * {@link ConnectionRegistry} shared by every instance of an application through one
 * DynamoDB table.
 * <p>
 * Single-table design: a connection is an item {@code pk = CONN#{id}, sk = CONN} (user
 * id, attributes, {@code registeredAt} in epoch milliseconds), each of its memberships an
 * item {@code pk = CONN#{id}, sk = GROUP#{name}} in the same partition, so that removing
 * a connection reads its memberships with one strongly consistent query. The global
 * secondary index {@value #INDEX_NAME} ({@code gsi1pk}, {@code gsi1sk} = connection id)
 * holds {@code GROUP#{name}} for memberships and {@code USER#{id}} for connections with a
 * user: the group and user lookups. Every item carries {@value #EXPIRY_ATTRIBUTE}, the
 * connection's expiry in epoch seconds, to be enabled as the table's TTL attribute; since
 * DynamoDB deletes expired items only eventually, every read filters them itself.
 * <p>
 * Group and user lookups read the index, which DynamoDB updates asynchronously: a join or
 * a removal shows there typically within a second. {@link #connectionIds()} and
 * {@link #size()} scan the table.
 * <p>
 * Operations are bounded by the client's API call timeout; a failure is raised as a
 * {@link ConnectionRegistryException}.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class DynamoDbConnectionRegistry implements ConnectionRegistry {

	/**
	 * Table name used unless another one is given.
	 */
	public static final String DEFAULT_TABLE_NAME = "apigw-websocket-connections";

	/**
	 * Name of the global secondary index of the group and user lookups.
	 */
	public static final String INDEX_NAME = "gsi1";

	/**
	 * Name of the attribute holding an item's expiry in epoch seconds: the table's TTL
	 * attribute.
	 */
	public static final String EXPIRY_ATTRIBUTE = "expiresAt";

	static final String PARTITION_KEY = "pk";

	static final String SORT_KEY = "sk";

	static final String INDEX_PARTITION_KEY = "gsi1pk";

	static final String INDEX_SORT_KEY = "gsi1sk";

	// optimistic writes of one registration that lose to concurrent ones are retried
	private static final int MAX_REGISTER_ATTEMPTS = 5;

	private static final int BATCH_SIZE = 25;

	private static final int MAX_BATCH_ATTEMPTS = 5;

	private static final Log logger = LogFactory.getLog(DynamoDbConnectionRegistry.class);

	private final DynamoDbClient client;

	private final String tableName;

	// names the table in exceptions: "Requested resource not found" alone does not
	private final String store;

	private final DynamoDbEnhancedClient enhancedClient;

	private final DynamoDbTable<RegistryItem> table;

	private final DynamoDbIndex<RegistryItem> index;

	private volatile Duration timeToLive = DEFAULT_TIME_TO_LIVE;

	private volatile Clock clock = Clock.systemUTC();

	/**
	 * Create a registry on the given table.
	 * @param client the DynamoDB client, whose API call timeout bounds every operation
	 * @param tableName the table name
	 */
	public DynamoDbConnectionRegistry(DynamoDbClient client, String tableName) {
		Assert.notNull(client, "'client' must not be null");
		Assert.hasText(tableName, "'tableName' must not be blank");
		this.client = client;
		this.tableName = tableName;
		this.store = "DynamoDB table '" + tableName + "'";
		this.enhancedClient = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
		this.table = this.enhancedClient.table(tableName, RegistryItem.SCHEMA);
		this.index = this.table.index(INDEX_NAME);
	}

	/**
	 * Return the name of the table.
	 * @return the table name
	 */
	public String getTableName() {
		return this.tableName;
	}

	/**
	 * Set how long after its registration a connection expires. Defaults to
	 * {@link #DEFAULT_TIME_TO_LIVE}.
	 * @param timeToLive the time to live, at least one second
	 */
	public void setTimeToLive(Duration timeToLive) {
		Assert.notNull(timeToLive, "'timeToLive' must not be null");
		Assert.isTrue(timeToLive.getSeconds() > 0,
				() -> "'timeToLive' must be at least one second, but was " + timeToLive);
		this.timeToLive = timeToLive;
	}

	/**
	 * Return how long after its registration a connection expires.
	 * @return the time to live
	 */
	public Duration getTimeToLive() {
		return this.timeToLive;
	}

	/**
	 * Set the clock that registration and expiry times are read from. Every instance
	 * sharing the registry should have a synchronised clock: their skew shifts expiry.
	 * Defaults to the system clock in UTC.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "'clock' must not be null");
		this.clock = clock;
	}

	/**
	 * Create the table with its index, on-demand, unless it exists, wait until it is
	 * active and enable its TTL on {@value #EXPIRY_ATTRIBUTE}. Meant for local use and
	 * tests: production tables belong to infrastructure code.
	 * @return {@code true} when the table was created
	 */
	public boolean createTableIfMissing() {
		return execute("create table", () -> {
			try {
				this.client.describeTable((request) -> request.tableName(this.tableName));
				return false;
			}
			catch (ResourceNotFoundException ex) {
				// create it
			}
			try {
				this.client.createTable((request) -> request.tableName(this.tableName)
					.billingMode(BillingMode.PAY_PER_REQUEST)
					.attributeDefinitions(stringAttribute(PARTITION_KEY), stringAttribute(SORT_KEY),
							stringAttribute(INDEX_PARTITION_KEY), stringAttribute(INDEX_SORT_KEY))
					.keySchema(key(PARTITION_KEY, KeyType.HASH), key(SORT_KEY, KeyType.RANGE))
					.globalSecondaryIndexes(GlobalSecondaryIndex.builder()
						.indexName(INDEX_NAME)
						.keySchema(key(INDEX_PARTITION_KEY, KeyType.HASH), key(INDEX_SORT_KEY, KeyType.RANGE))
						.projection(Projection.builder()
							.projectionType(ProjectionType.INCLUDE)
							.nonKeyAttributes(EXPIRY_ATTRIBUTE)
							.build())
						.build()));
			}
			catch (ResourceInUseException ex) {
				// another instance is creating it
			}
			try (DynamoDbWaiter waiter = DynamoDbWaiter.builder()
				.client(this.client)
				.overrideConfiguration((waiting) -> waiting.maxAttempts(300)
					.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(200))))
				.build()) {
				waiter.waitUntilTableExists((request) -> request.tableName(this.tableName));
			}
			enableTimeToLive();
			return true;
		});
	}

	private void enableTimeToLive() {
		try {
			this.client.updateTimeToLive((request) -> request.tableName(this.tableName)
				.timeToLiveSpecification((ttl) -> ttl.attributeName(EXPIRY_ATTRIBUTE).enabled(true)));
		}
		catch (DynamoDbException ex) {
			// dynalite has no TTL; reads filter expired items anyway
			logger.warn(LogMessage.format("Could not enable TTL on '%s' of table '%s', expired items stay until "
					+ "deleted (reads ignore them): %s", EXPIRY_ATTRIBUTE, this.tableName, ex.getMessage()));
		}
	}

	@Override
	public void register(String connectionId, @Nullable String userId, Map<String, String> attributes) {
		checkRegistration(connectionId, userId, attributes);
		Map<String, String> copy = Map.copyOf(attributes);
		execute("register", () -> registered(connectionId, userId, copy, "register"));
	}

	/**
	 * Register a connection, then write its memberships in batches: without transactions
	 * (dynalite has none), a lookup may see the connection a moment before its
	 * memberships, and the connection is looked at again afterwards so that a removal
	 * that ran meanwhile leaves no membership behind.
	 */
	@Override
	public void register(String connectionId, @Nullable String userId, Map<String, String> attributes,
			Set<String> groupNames) {
		checkRegistration(connectionId, userId, attributes, groupNames);
		Map<String, String> copy = Map.copyOf(attributes);
		List<String> groups = List.copyOf(groupNames);
		String operation = "register with groups";
		execute(operation, () -> {
			RegistryItem connection = registered(connectionId, userId, copy, operation);
			if (groups.isEmpty()) {
				return null;
			}
			List<RegistryItem> memberships = groups.stream()
				.map((group) -> membership(connectionId, group, connection.getExpiresAt()))
				.toList();
			for (int from = 0; from < memberships.size(); from += BATCH_SIZE) {
				writeBatch(memberships.subList(from, Math.min(memberships.size(), from + BATCH_SIZE)), List.of(),
						operation);
			}
			RegistryItem after = connectionItem(connectionId);
			if (after == null || !Objects.equals(after.getRegisteredAt(), connection.getRegisteredAt())) {
				for (int from = 0; from < groups.size(); from += BATCH_SIZE) {
					writeBatch(List.of(),
							groups.subList(from, Math.min(groups.size(), from + BATCH_SIZE))
								.stream()
								.map((group) -> membershipKey(connectionId, group))
								.toList(),
							operation);
				}
			}
			return null;
		});
	}

	private RegistryItem registered(String connectionId, @Nullable String userId, Map<String, String> attributes,
			String operation) {
		for (int attempt = 0; attempt < MAX_REGISTER_ATTEMPTS; attempt++) {
			RegistryItem registered = tryRegister(connectionId, userId, attributes, attempt == 0);
			if (registered != null) {
				return registered;
			}
		}
		throw new ConnectionRegistryException(this.store, operation, "connection '" + connectionId
				+ "' was changed concurrently " + MAX_REGISTER_ATTEMPTS + " times in a row");
	}

	// A new connection (the $connect case) costs one conditional write; an existing one
	// is read first, to keep its registration time and expiry. Returns the item written,
	// null when a concurrent change won.
	private @Nullable RegistryItem tryRegister(String connectionId, @Nullable String userId,
			Map<String, String> attributes, boolean assumeNew) {
		long now = this.clock.millis();
		RegistryItem existing = assumeNew ? null : connectionItem(connectionId);
		RegistryItem item = new RegistryItem();
		item.setPk(partitionKey(connectionId));
		item.setSk(RegistryItem.CONNECTION_SORT_KEY);
		item.setConnectionId(connectionId);
		item.setUserId(userId);
		item.setAttributes(attributes);
		if (userId != null) {
			item.setGsi1pk(RegistryItem.USER_PREFIX + userId);
			item.setGsi1sk(connectionId);
		}
		Expression condition;
		if (existing != null && isLive(existing, now)) {
			item.setRegisteredAt(existing.getRegisteredAt());
			item.setExpiresAt(existing.getExpiresAt());
			condition = Expression.builder()
				.expression("registeredAt = :registeredAt")
				.putExpressionValue(":registeredAt", number(Objects.requireNonNull(existing.getRegisteredAt())))
				.build();
		}
		else {
			if (existing != null) {
				// expired, not yet deleted by DynamoDB: its memberships go with it
				deletePartition(connectionId);
			}
			item.setRegisteredAt(now);
			item.setExpiresAt(expiresAt(now));
			condition = Expression.builder().expression("attribute_not_exists(pk)").build();
		}
		try {
			this.table.putItem((request) -> request.item(item).conditionExpression(condition));
			return item;
		}
		catch (ConditionalCheckFailedException ex) {
			return null;
		}
	}

	@Override
	public boolean remove(String connectionId) {
		checkConnectionId(connectionId);
		return execute("remove", () -> {
			long now = this.clock.millis();
			// the connection first: a join that runs meanwhile finds it gone and undoes
			// itself
			RegistryItem removed = this.table.deleteItem(connectionKey(connectionId));
			deletePartition(connectionId);
			return removed != null && isLive(removed, now);
		});
	}

	@Override
	public Optional<RegisteredConnection> find(String connectionId) {
		checkConnectionId(connectionId);
		return execute("find", () -> {
			long now = this.clock.millis();
			RegistryItem item = connectionItem(connectionId);
			return (item != null && isLive(item, now)) ? Optional.of(toConnection(item)) : Optional.empty();
		});
	}

	@Override
	public boolean join(String connectionId, String groupName) {
		checkConnectionId(connectionId);
		checkGroupName(groupName);
		return execute("join", () -> {
			long now = this.clock.millis();
			RegistryItem connection = connectionItem(connectionId);
			if (connection == null || !isLive(connection, now)) {
				return false;
			}
			this.table.putItem(membership(connectionId, groupName, connection.getExpiresAt()));
			// without transactions (dynalite has none): a removal that ran meanwhile may
			// have
			// missed the membership, so look again and undo it when the connection is
			// gone
			RegistryItem after = connectionItem(connectionId);
			if (after == null || !Objects.equals(after.getRegisteredAt(), connection.getRegisteredAt())) {
				this.table.deleteItem(membershipKey(connectionId, groupName));
				return false;
			}
			return true;
		});
	}

	@Override
	public boolean leave(String connectionId, String groupName) {
		checkConnectionId(connectionId);
		checkGroupName(groupName);
		return execute("leave", () -> {
			long now = this.clock.millis();
			RegistryItem removed = this.table.deleteItem(membershipKey(connectionId, groupName));
			return removed != null && isLive(removed, now);
		});
	}

	@Override
	public Set<String> groups(String connectionId) {
		checkConnectionId(connectionId);
		return execute("look up groups", () -> {
			long now = this.clock.millis();
			List<RegistryItem> items = partition(connectionId);
			boolean live = items.stream()
				.anyMatch((item) -> RegistryItem.CONNECTION_SORT_KEY.equals(item.getSk()) && isLive(item, now));
			if (!live) {
				return Set.of();
			}
			return items.stream()
				.filter((item) -> item.getGroupName() != null && isLive(item, now))
				.map(RegistryItem::getGroupName)
				.collect(Collectors.toUnmodifiableSet());
		});
	}

	@Override
	public Set<String> groupMembers(String groupName) {
		checkGroupName(groupName);
		return execute("look up group members", () -> indexed(RegistryItem.GROUP_PREFIX + groupName));
	}

	@Override
	public long groupSize(String groupName) {
		return groupMembers(groupName).size();
	}

	@Override
	public Set<String> userConnections(String userId) {
		checkUserId(userId);
		return execute("look up user connections", () -> indexed(RegistryItem.USER_PREFIX + userId));
	}

	@Override
	public long userConnectionCount(String userId) {
		return userConnections(userId).size();
	}

	@Override
	public Stream<String> connectionIds() {
		return execute("list connections", () -> {
			List<String> ids = new ArrayList<>();
			scanLiveConnections(Select.SPECIFIC_ATTRIBUTES)
				.forEach((page) -> page.items().forEach((item) -> ids.add(item.get("connectionId").s())));
			return ids.stream();
		});
	}

	@Override
	public long size() {
		return execute("count connections",
				() -> scanLiveConnections(Select.COUNT).stream().mapToLong((page) -> page.count()).sum());
	}

	private ScanIterable scanLiveConnections(Select select) {
		Map<String, AttributeValue> values = new HashMap<>();
		values.put(":conn", AttributeValue.fromS(RegistryItem.CONNECTION_SORT_KEY));
		values.put(":now", number(nowSeconds()));
		ScanRequest.Builder request = ScanRequest.builder()
			.tableName(this.tableName)
			.filterExpression("sk = :conn AND expiresAt > :now")
			.expressionAttributeValues(values)
			.select(select);
		if (select == Select.SPECIFIC_ATTRIBUTES) {
			request.projectionExpression("connectionId");
		}
		return this.client.scanPaginator(request.build());
	}

	private Set<String> indexed(String indexKey) {
		QueryEnhancedRequest request = QueryEnhancedRequest.builder()
			.queryConditional(QueryConditional.keyEqualTo((key) -> key.partitionValue(indexKey)))
			.filterExpression(Expression.builder()
				.expression("expiresAt > :now")
				.putExpressionValue(":now", number(nowSeconds()))
				.build())
			.build();
		return this.index.query(request)
			.stream()
			.flatMap((page) -> page.items().stream())
			.map(RegistryItem::getGsi1sk)
			.filter(Objects::nonNull)
			.collect(Collectors.toUnmodifiableSet());
	}

	private @Nullable RegistryItem connectionItem(String connectionId) {
		return this.table.getItem((request) -> request.key(connectionKey(connectionId)).consistentRead(true));
	}

	private List<RegistryItem> partition(String connectionId) {
		QueryEnhancedRequest request = QueryEnhancedRequest.builder()
			.queryConditional(QueryConditional.keyEqualTo((key) -> key.partitionValue(partitionKey(connectionId))))
			.consistentRead(true)
			.build();
		return this.table.query(request).items().stream().toList();
	}

	private void deletePartition(String connectionId) {
		List<RegistryItem> items = partition(connectionId);
		for (int from = 0; from < items.size(); from += BATCH_SIZE) {
			List<Key> keys = items.subList(from, Math.min(items.size(), from + BATCH_SIZE))
				.stream()
				.map((item) -> Key.builder()
					.partitionValue(Objects.requireNonNull(item.getPk()))
					.sortValue(Objects.requireNonNull(item.getSk()))
					.build())
				.toList();
			deleteBatch(keys);
		}
	}

	private void deleteBatch(List<Key> keys) {
		writeBatch(List.of(), keys, "remove");
	}

	// at most BATCH_SIZE puts and deletes together
	private void writeBatch(List<RegistryItem> puts, List<Key> deletes, String operation) {
		List<RegistryItem> pendingPuts = puts;
		List<Key> pendingDeletes = deletes;
		for (int attempt = 0; attempt < MAX_BATCH_ATTEMPTS
				&& !(pendingPuts.isEmpty() && pendingDeletes.isEmpty()); attempt++) {
			WriteBatch.Builder<RegistryItem> batch = WriteBatch.builder(RegistryItem.class)
				.mappedTableResource(this.table);
			pendingPuts.forEach(batch::addPutItem);
			pendingDeletes.forEach(batch::addDeleteItem);
			BatchWriteResult result = this.enhancedClient
				.batchWriteItem(BatchWriteItemEnhancedRequest.builder().writeBatches(batch.build()).build());
			pendingPuts = result.unprocessedPutItemsForTable(this.table);
			pendingDeletes = result.unprocessedDeleteItemsForTable(this.table);
		}
		int pending = pendingPuts.size() + pendingDeletes.size();
		if (pending > 0) {
			throw new ConnectionRegistryException(this.store, operation,
					pending + " items stayed unprocessed after " + MAX_BATCH_ATTEMPTS + " batch writes");
		}
	}

	private static RegistryItem membership(String connectionId, String groupName, @Nullable Long expiresAt) {
		RegistryItem membership = new RegistryItem();
		membership.setPk(partitionKey(connectionId));
		membership.setSk(RegistryItem.GROUP_PREFIX + groupName);
		membership.setGsi1pk(RegistryItem.GROUP_PREFIX + groupName);
		membership.setGsi1sk(connectionId);
		membership.setConnectionId(connectionId);
		membership.setGroupName(groupName);
		membership.setExpiresAt(expiresAt);
		return membership;
	}

	private RegisteredConnection toConnection(RegistryItem item) {
		Map<String, String> attributes = item.getAttributes();
		return new RegisteredConnection(Objects.requireNonNull(item.getConnectionId()), item.getUserId(),
				(attributes != null) ? attributes : Map.of(),
				Instant.ofEpochMilli(Objects.requireNonNull(item.getRegisteredAt())),
				Instant.ofEpochSecond(Objects.requireNonNull(item.getExpiresAt())));
	}

	private <T> T execute(String operation, Supplier<T> action) {
		try {
			return action.get();
		}
		catch (SdkException ex) {
			throw new ConnectionRegistryException(this.store, operation, ex);
		}
	}

	// expiry in whole seconds (the TTL attribute's unit), rounded up: never before the
	// time to live
	private long expiresAt(long registeredAtMillis) {
		long millis = registeredAtMillis + this.timeToLive.toMillis();
		return Math.floorDiv(millis + 999, 1000);
	}

	// live while expiresAt (seconds) > now, that is expiresAt > floor(now in seconds)
	private static boolean isLive(RegistryItem item, long nowMillis) {
		Long expiresAt = item.getExpiresAt();
		return expiresAt != null && expiresAt > Math.floorDiv(nowMillis, 1000);
	}

	private long nowSeconds() {
		return Math.floorDiv(this.clock.millis(), 1000);
	}

	private static String partitionKey(String connectionId) {
		return RegistryItem.CONNECTION_PREFIX + connectionId;
	}

	private static Key connectionKey(String connectionId) {
		return Key.builder()
			.partitionValue(partitionKey(connectionId))
			.sortValue(RegistryItem.CONNECTION_SORT_KEY)
			.build();
	}

	private static Key membershipKey(String connectionId, String groupName) {
		return Key.builder()
			.partitionValue(partitionKey(connectionId))
			.sortValue(RegistryItem.GROUP_PREFIX + groupName)
			.build();
	}

	private static AttributeValue number(long value) {
		return AttributeValue.fromN(Long.toString(value));
	}

	private static AttributeDefinition stringAttribute(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

	private static KeySchemaElement key(String name, KeyType type) {
		return KeySchemaElement.builder().attributeName(name).keyType(type).build();
	}

}
