package dev.apigw.websocket.autoconfigure;

import java.net.URI;
import java.util.List;
import java.util.function.Function;

import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsClientBuilderConfigurer;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClientBuilder;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClientBuilder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.lambda.EventApiTemplates.ApiTemplate;

/**
 * Builds the template of one API for a Lambda function that has no configured endpoint:
 * the SDK clients exactly as the template bean's (Spring Cloud AWS, the customizers, one
 * retry layer), on the endpoint of the API that sent the event.
 */
final class EventApiTemplateFactory implements Function<ManagementEndpoint, ApiTemplate> {

	private final AwsClientBuilderConfigurer awsConfigurer;

	private final WebSocketProperties properties;

	private final ApplicationEventPublisher eventPublisher;

	private final ObjectProvider<AwsClientCustomizer<ApiGatewayManagementApiClientBuilder>> customizers;

	private final ObjectProvider<AwsSyncClientCustomizer> syncCustomizers;

	private final ObjectProvider<AwsClientCustomizer<ApiGatewayManagementApiAsyncClientBuilder>> asyncCustomizers;

	private final ObjectProvider<AwsAsyncClientCustomizer> commonAsyncCustomizers;

	private final TemplateBeans beans;

	EventApiTemplateFactory(AwsClientBuilderConfigurer awsConfigurer, WebSocketProperties properties,
			ApplicationEventPublisher eventPublisher,
			ObjectProvider<AwsClientCustomizer<ApiGatewayManagementApiClientBuilder>> customizers,
			ObjectProvider<AwsSyncClientCustomizer> syncCustomizers,
			ObjectProvider<AwsClientCustomizer<ApiGatewayManagementApiAsyncClientBuilder>> asyncCustomizers,
			ObjectProvider<AwsAsyncClientCustomizer> commonAsyncCustomizers, TemplateBeans beans) {
		this.awsConfigurer = awsConfigurer;
		this.properties = properties;
		this.eventPublisher = eventPublisher;
		this.customizers = customizers;
		this.syncCustomizers = syncCustomizers;
		this.asyncCustomizers = asyncCustomizers;
		this.commonAsyncCustomizers = commonAsyncCustomizers;
		this.beans = beans;
	}

	@Override
	public ApiTemplate apply(ManagementEndpoint api) {
		Region region = (api.region() != null) ? Region.of(api.region()) : null;
		WebSocketApiConnectionDetails details = new EventApiConnectionDetails(api.uri(), region);
		ManagementApiClientConfigurer configurer = new ManagementApiClientConfigurer(this.awsConfigurer, details,
				this.properties);
		ApiGatewayManagementApiClient client = configurer.buildClient(this.customizers.orderedStream(),
				this.syncCustomizers.orderedStream());
		ApiGatewayManagementApiAsyncClient asyncClient = configurer
			.buildAsyncClient(this.asyncCustomizers.orderedStream(), this.commonAsyncCustomizers.orderedStream());
		try {
			// the client's region is the one it signs with
			ManagementEndpoint endpoint = new ManagementEndpoint(api.uri(), api.apiId(), api.stage(),
					client.serviceClientConfiguration().region().id());
			WebSocketConnectionTemplate template = WebSocketAutoConfiguration
				.configuredBuilder(client, asyncClient, endpoint, this.properties, this.eventPublisher, this.beans)
				.build();
			return new ApiTemplate(template, List.of(client, asyncClient));
		}
		catch (RuntimeException ex) {
			client.close();
			asyncClient.close();
			throw ex;
		}
	}

	private record EventApiConnectionDetails(URI endpoint,
			@Nullable Region region) implements WebSocketApiConnectionDetails {

		@Override
		public URI getEndpoint() {
			return this.endpoint;
		}

		@Override
		public @Nullable Region getRegion() {
			return this.region;
		}

	}

}
