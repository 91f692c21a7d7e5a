package dev.apigw.websocket.autoconfigure.inbound;

import dev.apigw.websocket.autoconfigure.WebSocketAutoConfiguration;
import dev.apigw.websocket.registry.ConnectionRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.util.Assert;
import org.springframework.util.StringUtils;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Auto-configuration of the Spring MVC endpoint that API Gateway's HTTP integrations call on
 * {@code $connect}, {@code $disconnect} and message routes.
 */
@AutoConfiguration(after = WebSocketAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
@ConditionalOnBooleanProperty(name = "apigw.websocket.inbound.enabled", matchIfMissing = true)
@EnableConfigurationProperties(InboundEventsProperties.class)
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

	@Bean
	@ConditionalOnMissingBean
	InboundEventsHandler inboundEventsHandler(InboundEventPublisher publisher, InboundEventsProperties properties) {
		String secret = properties.getSecret();
		if (!StringUtils.hasText(secret)) {
			logger.warn("The API Gateway inbound endpoint " + properties.getPath()
					+ " accepts requests from anyone who can reach it: set 'apigw.websocket.inbound.secret' and "
					+ "send it from the integrations in header '" + properties.getSecretHeader() + "'");
			return new InboundEventsHandler(publisher, null);
		}
		return new InboundEventsHandler(publisher, new SharedSecret(properties.getSecretHeader(), secret));
	}

	@Bean(ROUTER_FUNCTION_BEAN_NAME)
	@ConditionalOnMissingBean(name = ROUTER_FUNCTION_BEAN_NAME)
	RouterFunction<ServerResponse> apigwWebSocketInboundRouterFunction(InboundEventsHandler handler,
			InboundEventsProperties properties) {
		String path = properties.getPath();
		Assert.state(path.startsWith("/"),
				() -> "'apigw.websocket.inbound.path' must start with '/', but was '" + path + "'");
		return RouterFunctions.route(RequestPredicates.POST(path), handler);
	}

}
