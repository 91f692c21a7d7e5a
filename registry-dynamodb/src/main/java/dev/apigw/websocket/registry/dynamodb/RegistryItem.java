package dev.apigw.websocket.registry.dynamodb;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * An item of the registry table: a connection ({@code sk = CONN}) or one of its
 * memberships ({@code sk = GROUP#{name}}), both in the connection's partition ({@code pk
 * = CONN#{id}}). {@code gsi1pk} ({@code USER#{id}} on a connection with a user,
 * {@code GROUP#{name}} on a membership) and {@code gsi1sk} (the connection id) key the
 * lookup index.
 */
final class RegistryItem {

	static final String CONNECTION_SORT_KEY = "CONN";

	static final String CONNECTION_PREFIX = "CONN#";

	static final String GROUP_PREFIX = "GROUP#";

	static final String USER_PREFIX = "USER#";

	static final TableSchema<RegistryItem> SCHEMA = StaticTableSchema.builder(RegistryItem.class)
		.newItemSupplier(RegistryItem::new)
		.addAttribute(String.class,
				(a) -> a.name(DynamoDbConnectionRegistry.PARTITION_KEY)
					.getter(RegistryItem::getPk)
					.setter(RegistryItem::setPk)
					.tags(StaticAttributeTags.primaryPartitionKey()))
		.addAttribute(String.class,
				(a) -> a.name(DynamoDbConnectionRegistry.SORT_KEY)
					.getter(RegistryItem::getSk)
					.setter(RegistryItem::setSk)
					.tags(StaticAttributeTags.primarySortKey()))
		.addAttribute(String.class,
				(a) -> a.name(DynamoDbConnectionRegistry.INDEX_PARTITION_KEY)
					.getter(RegistryItem::getGsi1pk)
					.setter(RegistryItem::setGsi1pk)
					.tags(StaticAttributeTags.secondaryPartitionKey(DynamoDbConnectionRegistry.INDEX_NAME)))
		.addAttribute(String.class,
				(a) -> a.name(DynamoDbConnectionRegistry.INDEX_SORT_KEY)
					.getter(RegistryItem::getGsi1sk)
					.setter(RegistryItem::setGsi1sk)
					.tags(StaticAttributeTags.secondarySortKey(DynamoDbConnectionRegistry.INDEX_NAME)))
		.addAttribute(String.class,
				(a) -> a.name("connectionId")
					.getter(RegistryItem::getConnectionId)
					.setter(RegistryItem::setConnectionId))
		.addAttribute(String.class,
				(a) -> a.name("userId").getter(RegistryItem::getUserId).setter(RegistryItem::setUserId))
		.addAttribute(String.class,
				(a) -> a.name("groupName").getter(RegistryItem::getGroupName).setter(RegistryItem::setGroupName))
		.addAttribute(EnhancedType.mapOf(String.class, String.class),
				(a) -> a.name("attributes").getter(RegistryItem::getAttributes).setter(RegistryItem::setAttributes))
		.addAttribute(Long.class,
				(a) -> a.name("registeredAt")
					.getter(RegistryItem::getRegisteredAt)
					.setter(RegistryItem::setRegisteredAt))
		.addAttribute(Long.class,
				(a) -> a.name(DynamoDbConnectionRegistry.EXPIRY_ATTRIBUTE)
					.getter(RegistryItem::getExpiresAt)
					.setter(RegistryItem::setExpiresAt))
		.build();

	private @Nullable String pk;

	private @Nullable String sk;

	private @Nullable String gsi1pk;

	private @Nullable String gsi1sk;

	private @Nullable String connectionId;

	private @Nullable String userId;

	private @Nullable String groupName;

	private @Nullable Map<String, String> attributes;

	private @Nullable Long registeredAt;

	private @Nullable Long expiresAt;

	@Nullable String getPk() {
		return this.pk;
	}

	void setPk(@Nullable String pk) {
		this.pk = pk;
	}

	@Nullable String getSk() {
		return this.sk;
	}

	void setSk(@Nullable String sk) {
		this.sk = sk;
	}

	@Nullable String getGsi1pk() {
		return this.gsi1pk;
	}

	void setGsi1pk(@Nullable String gsi1pk) {
		this.gsi1pk = gsi1pk;
	}

	@Nullable String getGsi1sk() {
		return this.gsi1sk;
	}

	void setGsi1sk(@Nullable String gsi1sk) {
		this.gsi1sk = gsi1sk;
	}

	@Nullable String getConnectionId() {
		return this.connectionId;
	}

	void setConnectionId(@Nullable String connectionId) {
		this.connectionId = connectionId;
	}

	@Nullable String getUserId() {
		return this.userId;
	}

	void setUserId(@Nullable String userId) {
		this.userId = userId;
	}

	@Nullable String getGroupName() {
		return this.groupName;
	}

	void setGroupName(@Nullable String groupName) {
		this.groupName = groupName;
	}

	@Nullable Map<String, String> getAttributes() {
		return this.attributes;
	}

	void setAttributes(@Nullable Map<String, String> attributes) {
		this.attributes = attributes;
	}

	@Nullable Long getRegisteredAt() {
		return this.registeredAt;
	}

	void setRegisteredAt(@Nullable Long registeredAt) {
		this.registeredAt = registeredAt;
	}

	@Nullable Long getExpiresAt() {
		return this.expiresAt;
	}

	void setExpiresAt(@Nullable Long expiresAt) {
		this.expiresAt = expiresAt;
	}

}
