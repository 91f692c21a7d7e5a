package dev.apigw.websocket.autoconfigure.inbound;

import java.util.function.Supplier;

import dev.apigw.websocket.WebSocketConnectionOperations;
import dev.apigw.websocket.autoconfigure.WebSocketAutoConfiguration;
import dev.apigw.websocket.inbound.InboundEventPublisher;
import dev.apigw.websocket.registry.ConnectionLifecycle;
import dev.apigw.websocket.registry.ConnectionRegistrar;
import dev.apigw.websocket.registry.ConnectionRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * Auto-configuration of the endpoint that API Gateway's HTTP integrations call on
 * {@code $connect}, {@code $disconnect} and message routes, in Spring MVC and WebFlux
 * applications.
 * <p>
 * Fails closed: without {@code apigw.websocket.inbound.secret} the endpoint starts only
 * when {@code server.address} is a loopback address or
 * {@code apigw.websocket.inbound.allow-unauthenticated=true}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = WebSocketAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnClass(InboundEventPublisher.class)
@ConditionalOnBooleanProperty(name = "apigw.websocket.inbound.enabled", matchIfMissing = true)
@EnableConfigurationProperties(InboundEventsProperties.class)
@Import({ ServletInboundEndpointConfiguration.class, ReactiveInboundEndpointConfiguration.class })
public final class InboundEventsAutoConfiguration {

	/** Name of the router function bean that maps the endpoint. */
	public static final String ROUTER_FUNCTION_BEAN_NAME = "apigwWebSocketInboundRouterFunction";

	// an application's own registry without the management client
	// (apigw.websocket.enabled=false) is kept
	// in step too; with the client, WebSocketAutoConfiguration's lifecycle (grace period,
	// meters) is used
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ConnectionRegistry.class)
	ConnectionLifecycle connectionLifecycle(ConnectionRegistry connectionRegistry) {
		return new ConnectionLifecycle(connectionRegistry);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ConnectionLifecycle.class)
	ConnectionRegistrar connectionRegistrar(ConnectionLifecycle connectionLifecycle) {
		return new ConnectionRegistrar(connectionLifecycle);
	}

	@Bean
	@ConditionalOnMissingBean
	InboundEventPublisher inboundEventPublisher(ApplicationEventPublisher publisher,
			ObjectProvider<ConnectionLifecycle> connectionLifecycle,
			ObjectProvider<WebSocketConnectionOperations> operations) {
		return new InboundEventPublisher(publisher, connectionLifecycle.getIfUnique(), replyOperations(operations));
	}

	/**
	 * The operations that events reply with, looked up when a listener replies: the
	 * template of the configured endpoint.
	 * @param operations the application's operations
	 * @return the supplier of the unique operations
	 */
	private static Supplier<WebSocketConnectionOperations> replyOperations(
			ObjectProvider<WebSocketConnectionOperations> operations) {
		return () -> {
			WebSocketConnectionOperations unique = operations.getIfUnique();
			Assert.state(unique != null, "No unique WebSocketConnectionOperations bean to reply with: configure "
					+ "'apigw.websocket.endpoint' (or 'apigw.websocket.api-id')");
			return unique;
		};
	}

	static String path(InboundEventsProperties properties) {
		String path = properties.getPath();
		Assert.state(path.startsWith("/"),
				() -> "'apigw.websocket.inbound.path' must start with '/', but was '" + path + "'");
		return path;
	}

	static DataSize maxBodySize(InboundEventsProperties properties) {
		DataSize size = properties.getMaxBodySize();
		// the body is held in one byte array
		Assert.state(size.toBytes() > 0 && size.toBytes() < Integer.MAX_VALUE,
				() -> "'apigw.websocket.inbound.max-body-size' must be positive and less than 2GB, but was " + size);
		return size;
	}

}
