package dev.apigw.websocket.autoconfigure;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClientBuilder;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.SendRateLimiter;
import dev.apigw.websocket.WebSocketConnectionOperations;
import dev.apigw.websocket.autoconfigure.inbound.InboundEventsAutoConfiguration;
import dev.apigw.websocket.autoconfigure.registry.ConnectionRegistryAutoConfiguration;
import dev.apigw.websocket.inbound.InboundEventPublisher;
import dev.apigw.websocket.lambda.EventApiTemplates;
import dev.apigw.websocket.lambda.WebSocketLambdaHandler;
import dev.apigw.websocket.observation.ManagementObservationConvention;
import dev.apigw.websocket.payload.PayloadConverter;
import dev.apigw.websocket.registry.ConnectionLifecycle;
import dev.apigw.websocket.registry.ConnectionRegistry;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the function that a Lambda
 * integration of an API Gateway WebSocket API invokes, when
 * {@code apigw-websocket-lambda} is on the classpath: the {@link WebSocketLambdaHandler}
 * bean (a {@code java.util.function.Function} that Spring Cloud Function's AWS adapter
 * runs) and the {@link EventApiTemplates} it replies with: the template of the configured
 * endpoint, or, with none, one template per API that sends events, built on the first
 * reply. Wiring only; lives in this package because per-API templates are built like the
 * template bean.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
@AutoConfiguration(
		after = { WebSocketAutoConfiguration.class, ConnectionRegistryAutoConfiguration.class,
				InboundEventsAutoConfiguration.class, CredentialsProviderAutoConfiguration.class,
				RegionProviderAutoConfiguration.class, AwsAutoConfiguration.class },
		afterName = "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration")
@ConditionalOnClass({ WebSocketLambdaHandler.class, APIGatewayV2WebSocketEvent.class,
		AwsClientBuilderConfigurer.class })
@ConditionalOnBooleanProperty(name = WebSocketProperties.PREFIX + ".enabled", matchIfMissing = true)
@EnableConfigurationProperties(WebSocketProperties.class)
@ImportRuntimeHints(WebSocketLambdaRuntimeHints.class)
public final class WebSocketLambdaAutoConfiguration {

	/**
	 * Name of the function bean, for {@code spring.cloud.function.definition} when the
	 * application has functions of its own.
	 */
	public static final String HANDLER_BEAN_NAME = "apigwWebSocketLambdaHandler";

	// without a configured endpoint, WebSocketAutoConfiguration (and its lifecycle) backs
	// off: the registry is kept in step all the same
	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(ConnectionRegistry.class)
	ConnectionLifecycle connectionLifecycle(ConnectionRegistry connectionRegistry, WebSocketProperties properties,
			ObjectProvider<MeterRegistry> meterRegistry) {
		return new PropertyArguments()
			.argument("gracePeriod", WebSocketProperties.PREFIX + ".prune-grace-period",
					properties.getPruneGracePeriod())
			.create(() -> new ConnectionLifecycle(connectionRegistry, properties.getPruneGracePeriod(),
					meterRegistry.getIfUnique()));
	}

	@Bean
	@ConditionalOnMissingBean
	InboundEventPublisher inboundEventPublisher(ApplicationEventPublisher publisher,
			ObjectProvider<ConnectionLifecycle> connectionLifecycle) {
		return new InboundEventPublisher(publisher, connectionLifecycle.getIfUnique());
	}

	@Bean
	@ConditionalOnMissingBean
	EventApiTemplates eventApiTemplates(ObjectProvider<ManagementEndpoint> configuredEndpoint,
			ObjectProvider<WebSocketConnectionOperations> operations,
			ObjectProvider<AwsClientBuilderConfigurer> awsConfigurer, WebSocketProperties properties,
			ApplicationEventPublisher eventPublisher,
			ObjectProvider<AwsClientCustomizer<ApiGatewayManagementApiClientBuilder>> customizers,
			ObjectProvider<AwsSyncClientCustomizer> syncCustomizers,
			ObjectProvider<AwsClientCustomizer<ApiGatewayManagementApiAsyncClientBuilder>> asyncCustomizers,
			ObjectProvider<AwsAsyncClientCustomizer> asyncCommonCustomizers,
			ObjectProvider<ConnectionLifecycle> connectionLifecycle,
			ObjectProvider<ConnectionRegistry> connectionRegistry,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ManagementObservationConvention> observationConvention,
			ObjectProvider<PayloadConverter> payloadConverter, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<SendRateLimiter> rateLimiter,
			ObjectProvider<WebSocketConnectionTemplateCustomizer> templateCustomizers) {
		ManagementEndpoint endpoint = configuredEndpoint.getIfUnique();
		if (endpoint != null) {
			return EventApiTemplates.configured(endpoint, operations::getObject);
		}
		// nothing is built until an event's listener replies
		return EventApiTemplates.perApi(new EventApiTemplateFactory(awsConfigurer.getObject(), properties,
				eventPublisher, customizers, syncCustomizers, asyncCustomizers, asyncCommonCustomizers,
				new TemplateBeans(connectionLifecycle, connectionRegistry, observationRegistry, observationConvention,
						payloadConverter, meterRegistry, rateLimiter, templateCustomizers)),
				EventApiTemplates.DEFAULT_MAX_APIS);
	}

	@Bean(HANDLER_BEAN_NAME)
	@ConditionalOnMissingBean
	WebSocketLambdaHandler apigwWebSocketLambdaHandler(InboundEventPublisher inboundEventPublisher,
			EventApiTemplates eventApiTemplates) {
		return new WebSocketLambdaHandler(inboundEventPublisher, eventApiTemplates);
	}

}
