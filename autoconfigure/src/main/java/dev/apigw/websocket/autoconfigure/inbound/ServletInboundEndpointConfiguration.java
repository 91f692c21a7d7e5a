package dev.apigw.websocket.autoconfigure.inbound;

import dev.apigw.websocket.inbound.InboundEventPublisher;
import dev.apigw.websocket.inbound.InboundEventsHandler;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The inbound endpoint in a Spring MVC application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
class ServletInboundEndpointConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InboundEventsHandler inboundEventsHandler(InboundEventPublisher publisher, InboundEventsProperties properties,
			Environment environment) {
		return new InboundEventsHandler(publisher, InboundSecretResolver.resolve(properties, environment),
				InboundEventsAutoConfiguration.maxBodySize(properties));
	}

	@Bean(InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME)
	@ConditionalOnMissingBean(name = InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME)
	RouterFunction<ServerResponse> apigwWebSocketInboundRouterFunction(InboundEventsHandler handler,
			InboundEventsProperties properties) {
		return RouterFunctions.route(RequestPredicates.POST(InboundEventsAutoConfiguration.path(properties)), handler);
	}

}
