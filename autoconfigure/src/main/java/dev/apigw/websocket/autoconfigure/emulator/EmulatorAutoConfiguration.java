package dev.apigw.websocket.autoconfigure.emulator;

import java.time.Duration;

import dev.apigw.websocket.autoconfigure.WebSocketApiConnectionDetails;
import dev.apigw.websocket.autoconfigure.WebSocketAutoConfiguration;
import dev.apigw.websocket.autoconfigure.inbound.InboundEventsProperties;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration that starts the API Gateway WebSocket emulator in-process when
 * {@code apigw.websocket.emulator.enabled=true}, points the management client at it and
 * routes it to a function bean as a Lambda proxy integration
 * ({@code apigw.websocket.emulator.lambda.function}) or, in a web application, to the
 * inbound endpoint.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
@AutoConfiguration(before = WebSocketAutoConfiguration.class)
@ConditionalOnClass(WebSocketApiEmulator.class)
@ConditionalOnBooleanProperty("apigw.websocket.emulator.enabled")
@EnableConfigurationProperties(EmulatorProperties.class)
public final class EmulatorAutoConfiguration {

	private static final Log logger = LogFactory.getLog(EmulatorAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	WebSocketApiEmulator webSocketApiEmulator(EmulatorProperties properties) {
		WebSocketApiEmulator emulator = WebSocketApiEmulator.builder()
			.host("127.0.0.1")
			.port(properties.getPort())
			.stage(properties.getStage())
			.integrationTimeout(positive("integration.timeout", properties.getIntegration().getTimeout()))
			.lambdaTimeout(positive("lambda.timeout", properties.getLambda().getTimeout()))
			.start();
		logger.info("API Gateway WebSocket emulator listening on " + emulator.webSocketUri() + " (management endpoint "
				+ emulator.managementEndpoint() + ")");
		return emulator;
	}

	private static Duration positive(String property, @Nullable Duration timeout) {
		if (timeout == null || timeout.isNegative() || timeout.isZero()) {
			throw new IllegalStateException(
					"'apigw.websocket.emulator." + property + "' must be positive, e.g. 29s, but was " + timeout);
		}
		return timeout;
	}

	@Bean
	@ConditionalOnMissingBean(WebSocketApiConnectionDetails.class)
	EmulatorConnectionDetails emulatorConnectionDetails(WebSocketApiEmulator emulator) {
		return new EmulatorConnectionDetails(emulator);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.web.server.context.WebServerInitializedEvent")
	static class RouteBindingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		EmulatorRouteBinder emulatorRouteBinder(WebSocketApiEmulator emulator, EmulatorProperties properties,
				ObjectProvider<InboundEventsProperties> inboundProperties) {
			return new EmulatorRouteBinder(emulator, properties, inboundProperties);
		}

	}

	@Bean
	@ConditionalOnMissingBean
	EmulatorFunctionRoutes emulatorFunctionRoutes(WebSocketApiEmulator emulator, EmulatorProperties properties,
			ConfigurableListableBeanFactory beanFactory) {
		return new EmulatorFunctionRoutes(emulator, properties.getLambda(), beanFactory);
	}

}
