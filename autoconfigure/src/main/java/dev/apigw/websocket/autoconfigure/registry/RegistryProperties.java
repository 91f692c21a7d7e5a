package dev.apigw.websocket.autoconfigure.registry;

import java.time.Duration;

import io.awspring.cloud.autoconfigure.AwsClientProperties;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the connection registry.
 *
 * @since 0.1.0
 */
@ConfigurationProperties(RegistryProperties.PREFIX)
public class RegistryProperties {

	static final String PREFIX = "apigw.websocket.registry";

	/**
	 * Store of the connection registry: 'in-memory' for one instance, 'redis' or
	 * 'dynamodb' for a fleet of instances sharing it.
	 */
	private Type type = Type.IN_MEMORY;

	/**
	 * Time after its registration when a connection expires from the registry unless
	 * removed before, so that one whose '$disconnect' never arrived does not stay for
	 * ever. Defaults to API Gateway's maximum connection duration.
	 */
	private Duration timeToLive = Duration.ofHours(2);

	private final Redis redis = new Redis();

	private final Dynamodb dynamodb = new Dynamodb();

	public Type getType() {
		return this.type;
	}

	public void setType(Type type) {
		this.type = type;
	}

	public Duration getTimeToLive() {
		return this.timeToLive;
	}

	public void setTimeToLive(Duration timeToLive) {
		this.timeToLive = timeToLive;
	}

	public Redis getRedis() {
		return this.redis;
	}

	public Dynamodb getDynamodb() {
		return this.dynamodb;
	}

	/**
	 * Store of the connection registry.
	 */
	public enum Type {

		/**
		 * In the application's memory: one instance only.
		 */
		IN_MEMORY,

		/**
		 * In Redis, through the application's {@code RedisConnectionFactory}.
		 */
		REDIS,

		/**
		 * In a DynamoDB table.
		 */
		DYNAMODB

	}

	/**
	 * Redis registry properties. Calls are bounded by 'spring.data.redis.timeout'.
	 */
	public static class Redis {

		/**
		 * Prefix of every key of the registry. On Redis Cluster, include a hash tag, for
		 * example '{apigw:ws}:', so that the registry's scripts find their keys in one
		 * slot.
		 */
		private String keyPrefix = "apigw:ws:";

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

	}

	/**
	 * DynamoDB registry properties; endpoint and region default to Spring Cloud AWS's.
	 */
	public static class Dynamodb extends AwsClientProperties {

		/**
		 * Name of the registry's table.
		 */
		private String tableName = "apigw-websocket-connections";

		/**
		 * Whether to create the table, with its index and TTL, when it is missing. Meant
		 * for local development and tests; production tables belong to infrastructure
		 * code.
		 */
		private boolean createTable;

		/**
		 * Timeout of each registry call to DynamoDB, retries included.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		public String getTableName() {
			return this.tableName;
		}

		public void setTableName(String tableName) {
			this.tableName = tableName;
		}

		public boolean isCreateTable() {
			return this.createTable;
		}

		public void setCreateTable(boolean createTable) {
			this.createTable = createTable;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
