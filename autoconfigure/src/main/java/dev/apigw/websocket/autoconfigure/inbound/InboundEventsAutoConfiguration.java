package dev.apigw.websocket.autoconfigure.inbound;

import dev.apigw.websocket.autoconfigure.WebSocketAutoConfiguration;
import dev.apigw.websocket.registry.ConnectionRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the endpoint that API Gateway's HTTP integrations call on
 * {@code $connect}, {@code $disconnect} and message routes, in Spring MVC and WebFlux
 * applications.
 */
@AutoConfiguration(after = WebSocketAutoConfiguration.class)
@ConditionalOnWebApplication
@ConditionalOnBooleanProperty(name = "apigw.websocket.inbound.enabled", matchIfMissing = true)
@EnableConfigurationProperties(InboundEventsProperties.class)
@Import({ ServletInboundEndpointConfiguration.class, ReactiveInboundEndpointConfiguration.class })
public final class InboundEventsAutoConfiguration {

	/** Name of the router function bean that maps the endpoint. */
	public static final String ROUTER_FUNCTION_BEAN_NAME = "apigwWebSocketInboundRouterFunction";

	private static final Log logger = LogFactory.getLog(InboundEventsAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	InboundEventPublisher inboundEventPublisher(ApplicationEventPublisher publisher,
			ObjectProvider<ConnectionRegistry> registry) {
		return new InboundEventPublisher(publisher, registry.getIfAvailable());
	}

	static @Nullable SharedSecret sharedSecret(InboundEventsProperties properties) {
		String secret = properties.getSecret();
		if (!StringUtils.hasText(secret)) {
			logger.warn("The API Gateway inbound endpoint " + properties.getPath()
					+ " accepts requests from anyone who can reach it: set 'apigw.websocket.inbound.secret' and "
					+ "send it from the integrations in header '" + properties.getSecretHeader() + "'");
			return null;
		}
		return new SharedSecret(properties.getSecretHeader(), secret);
	}

	static String path(InboundEventsProperties properties) {
		String path = properties.getPath();
		Assert.state(path.startsWith("/"),
				() -> "'apigw.websocket.inbound.path' must start with '/', but was '" + path + "'");
		return path;
	}

}
