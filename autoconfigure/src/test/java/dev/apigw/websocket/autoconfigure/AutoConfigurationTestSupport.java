package dev.apigw.websocket.autoconfigure;

import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import io.awspring.cloud.autoconfigure.core.AwsAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.CredentialsProviderAutoConfiguration;
import io.awspring.cloud.autoconfigure.core.RegionProviderAutoConfiguration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClientBuilder;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.apigw.websocket.autoconfigure.registry.ConnectionRegistryAutoConfiguration;

/**
 * The context runner shared by the auto-configuration tests: Spring Cloud AWS with static
 * region and credentials (so no test reads the machine's AWS configuration) and
 * {@link WebSocketAutoConfiguration}.
 */
public final class AutoConfigurationTestSupport {

	/**
	 * One Netty event loop for every test context: a client closes only an event loop it
	 * created, and each graceful shutdown would add seconds to every context.
	 */
	private static final SdkEventLoopGroup SHARED_EVENT_LOOP = SdkEventLoopGroup.builder().numberOfThreads(2).build();

	private AutoConfigurationTestSupport() {
	}

	/**
	 * The context runner with one shared Netty event loop for the async client.
	 * @return a new context runner
	 */
	public static ApplicationContextRunner contextRunner() {
		return contextRunnerWithOwnHttpClients().withUserConfiguration(SharedEventLoopConfiguration.class);
	}

	/**
	 * The context runner without the shared event loop, for tests of the HTTP clients
	 * that the auto-configuration itself chooses.
	 */
	static ApplicationContextRunner contextRunnerWithOwnHttpClients() {
		return new ApplicationContextRunner()
			.withPropertyValues("spring.cloud.aws.region.static=eu-west-1",
					"spring.cloud.aws.credentials.access-key=AKIDEXAMPLE",
					"spring.cloud.aws.credentials.secret-key=wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
			.withConfiguration(AutoConfigurations.of(CredentialsProviderAutoConfiguration.class,
					RegionProviderAutoConfiguration.class, AwsAutoConfiguration.class,
					ConnectionRegistryAutoConfiguration.class, WebSocketAutoConfiguration.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class SharedEventLoopConfiguration {

		@Bean
		AwsClientCustomizer<ApiGatewayManagementApiAsyncClientBuilder> sharedEventLoopCustomizer() {
			return (builder) -> builder
				.httpClientBuilder(NettyNioAsyncHttpClient.builder().eventLoopGroup(SHARED_EVENT_LOOP));
		}

	}

}
