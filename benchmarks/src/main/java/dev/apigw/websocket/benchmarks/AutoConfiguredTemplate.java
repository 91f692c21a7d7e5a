package dev.apigw.websocket.benchmarks;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClientBuilder;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClientBuilder;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;

import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.autoconfigure.WebSocketAutoConfiguration;
import dev.apigw.websocket.autoconfigure.registry.ConnectionRegistryAutoConfiguration;
import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;
import dev.apigw.websocket.registry.ConnectionRegistry;

/**
 * The template as an application gets it: built by the real auto-configuration (with
 * Spring Cloud AWS's) from nothing but the endpoint, static credentials and, where a
 * scenario says so, a few properties, an observation registry or an HTTP client
 * customizer. It counts the gone events the template publishes, per id.
 */
final class AutoConfiguredTemplate implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final @Nullable SimpleMeterRegistry meters;

	private final Map<String, AtomicInteger> goneEvents = new ConcurrentHashMap<>();

	private AutoConfiguredTemplate(Builder builder) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("apigw.websocket.endpoint", builder.endpoint.toString());
		properties.put("apigw.websocket.region", "us-east-1");
		properties.put("spring.cloud.aws.credentials.access-key", "benchmark");
		properties.put("spring.cloud.aws.credentials.secret-key", "benchmark");
		properties.put("logging.level.root", "warn");
		properties.putAll(builder.properties);
		this.meters = builder.observed ? new SimpleMeterRegistry() : null;
		SimpleMeterRegistry meterRegistry = this.meters;
		ApplicationListener<PayloadApplicationEvent<?>> goneListener = (event) -> {
			if (event.getPayload() instanceof WebSocketConnectionGoneEvent gone) {
				this.goneEvents.computeIfAbsent(gone.connectionId(), (id) -> new AtomicInteger()).incrementAndGet();
			}
		};
		this.context = new SpringApplicationBuilder(Configured.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties(properties)
			.listeners(goneListener)
			.initializers((context) -> {
				var beans = context.getBeanFactory();
				if (meterRegistry != null) {
					ObservationRegistry observations = ObservationRegistry.create();
					observations.observationConfig()
						.observationHandler(new DefaultMeterObservationHandler(meterRegistry));
					beans.registerSingleton("observationRegistry", observations);
					beans.registerSingleton("meterRegistry", meterRegistry);
				}
				register(context, "benchmarkSyncHttpClient", ApiGatewayManagementApiClientBuilder.class,
						builder.syncCustomizer);
				register(context, "benchmarkAsyncHttpClient", ApiGatewayManagementApiAsyncClientBuilder.class,
						builder.asyncCustomizer);
			})
			.run();
	}

	// with its generic type, which a lambda's class does not carry: the
	// auto-configuration
	// asks for customizers of one builder type
	private static <T extends AwsClientBuilder<?, ?>> void register(ConfigurableApplicationContext context, String name,
			Class<T> builderType, @Nullable AwsClientCustomizer<T> customizer) {
		if (customizer == null) {
			return;
		}
		RootBeanDefinition definition = new RootBeanDefinition();
		definition.setTargetType(ResolvableType.forClassWithGenerics(AwsClientCustomizer.class, builderType));
		definition.setInstanceSupplier(() -> customizer);
		((BeanDefinitionRegistry) context).registerBeanDefinition(name, definition);
	}

	static Builder at(URI endpoint) {
		return new Builder(endpoint);
	}

	WebSocketConnectionTemplate template() {
		return this.context.getBean(WebSocketConnectionTemplate.class);
	}

	/**
	 * The auto-configured sync client the template uses.
	 */
	ApiGatewayManagementApiClient client() {
		return this.context.getBean(ApiGatewayManagementApiClient.class);
	}

	/**
	 * The auto-configured async client the template uses.
	 */
	ApiGatewayManagementApiAsyncClient asyncClient() {
		return this.context.getBean(ApiGatewayManagementApiAsyncClient.class);
	}

	ConnectionRegistry registry() {
		return this.context.getBean(ConnectionRegistry.class);
	}

	/**
	 * Gone events published so far, per connection id.
	 */
	Map<String, AtomicInteger> goneEvents() {
		return this.goneEvents;
	}

	/**
	 * Timers recorded by the observation handler, 0 without observations.
	 */
	long observedCalls() {
		MeterRegistry registry = this.meters;
		if (registry == null) {
			return 0;
		}
		return registry.find("apigw.websocket.management")
			.timers()
			.stream()
			.mapToLong(io.micrometer.core.instrument.Timer::count)
			.sum();
	}

	@Override
	public void close() {
		this.context.close();
	}

	/**
	 * What a scenario sets beyond the defaults.
	 */
	static final class Builder {

		private final URI endpoint;

		private final Map<String, Object> properties = new LinkedHashMap<>();

		private boolean observed;

		private @Nullable AwsClientCustomizer<ApiGatewayManagementApiClientBuilder> syncCustomizer;

		private @Nullable AwsClientCustomizer<ApiGatewayManagementApiAsyncClientBuilder> asyncCustomizer;

		private Builder(URI endpoint) {
			this.endpoint = endpoint;
		}

		/**
		 * Add a real observation registry (a {@link DefaultMeterObservationHandler} on a
		 * {@link SimpleMeterRegistry}) and that meter registry, as Boot's actuator would.
		 */
		Builder observed() {
			this.observed = true;
			return this;
		}

		Builder property(String name, Object value) {
			this.properties.put(name, value);
			return this;
		}

		Builder syncHttpClient(AwsClientCustomizer<ApiGatewayManagementApiClientBuilder> customizer) {
			this.syncCustomizer = customizer;
			return this;
		}

		Builder asyncHttpClient(AwsClientCustomizer<ApiGatewayManagementApiAsyncClientBuilder> customizer) {
			this.asyncCustomizer = customizer;
			return this;
		}

		AutoConfiguredTemplate start() {
			return new AutoConfiguredTemplate(this);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ CredentialsProviderAutoConfiguration.class, RegionProviderAutoConfiguration.class,
			AwsAutoConfiguration.class, ConnectionRegistryAutoConfiguration.class, WebSocketAutoConfiguration.class })
	static class Configured {

	}

}
