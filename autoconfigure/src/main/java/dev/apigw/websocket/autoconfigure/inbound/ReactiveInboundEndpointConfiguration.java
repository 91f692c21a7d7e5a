package dev.apigw.websocket.autoconfigure.inbound;

import dev.apigw.websocket.inbound.InboundEventPublisher;
import dev.apigw.websocket.inbound.ReactiveInboundEventsHandler;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The inbound endpoint in a WebFlux application.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(RouterFunction.class)
class ReactiveInboundEndpointConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveInboundEventsHandler reactiveInboundEventsHandler(InboundEventPublisher publisher,
			InboundEventsProperties properties, Environment environment) {
		return new ReactiveInboundEventsHandler(publisher, InboundSecretResolver.resolve(properties, environment),
				InboundEventsAutoConfiguration.maxBodySize(properties));
	}

	@Bean(InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME)
	@ConditionalOnMissingBean(name = InboundEventsAutoConfiguration.ROUTER_FUNCTION_BEAN_NAME)
	RouterFunction<ServerResponse> apigwWebSocketInboundRouterFunction(ReactiveInboundEventsHandler handler,
			InboundEventsProperties properties) {
		return RouterFunctions.route(RequestPredicates.POST(InboundEventsAutoConfiguration.path(properties)), handler);
	}

}
