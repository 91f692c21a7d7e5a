package dev.apigw.websocket.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.awspring.cloud.autoconfigure.AwsAsyncClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsClientCustomizer;
import io.awspring.cloud.autoconfigure.AwsSyncClientCustomizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClientBuilder;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClientBuilder;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.apigw.websocket.ManagementThrottledException;
import dev.apigw.websocket.WebSocketConnectionTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Whatever an application's client customizers do to the override configuration, the
 * auto-configured clients keep exactly one retry layer (the template's) and the attempt
 * timeout of {@code apigw.websocket.timeout}, and keep what the customizers set
 * otherwise: a server answering 429 forever sees exactly {@code max-attempts} requests
 * per call.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebSocketAutoConfigurationClientCustomizerTests {

	private static final int MAX_ATTEMPTS = 3;

	private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(4_321);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(42);

	private static final String WARNING = "set the retry strategy or the attempt timeout of an ApiGatewayManagementApi "
			+ "client: both are replaced";

	private static final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

	private static final AtomicInteger intercepted = new AtomicInteger();

	enum Style {

		/**
		 * {@code builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()...)}.
		 */
		TO_BUILDER(ToBuilderCustomizers.class),

		/**
		 * {@code builder.overrideConfiguration(c -> ...)}, which starts from a fresh
		 * configuration.
		 */
		CONSUMER(ConsumerCustomizers.class),

		/**
		 * {@code builder.overrideConfiguration(ClientOverrideConfiguration.builder()...build())}.
		 */
		FRESH_CONFIGURATION(FreshConfigurationCustomizers.class),

		/**
		 * Spring Cloud AWS's {@link AwsSyncClientCustomizer} and
		 * {@link AwsAsyncClientCustomizer}, shared by every client.
		 */
		SHARED(SharedCustomizers.class),

		/**
		 * Customizers that set SDK retries and an attempt timeout of their own.
		 */
		OWN_RETRIES(OwnRetriesCustomizers.class);

		private final Class<?> configuration;

		Style(Class<?> configuration) {
			this.configuration = configuration;
		}

	}

	private ApplicationContextRunner contextRunner;

	@BeforeAll
	static void startServer() {
		server.start();
	}

	@AfterAll
	static void stopServer() {
		server.stop();
	}

	@BeforeEach
	void setUp() {
		server.resetAll();
		intercepted.set(0);
		server.stubFor(post(urlPathMatching("/prod/@connections/.*")).willReturn(aResponse().withStatus(429)
			.withHeader("x-amzn-ErrorType", "LimitExceededException")
			.withHeader("Content-Type", "application/json")
			.withBody("{\"message\":\"LimitExceededException\"}")));
		this.contextRunner = AutoConfigurationTestSupport.contextRunner()
			.withPropertyValues("apigw.websocket.endpoint=http://127.0.0.1:" + server.port() + "/prod",
					"apigw.websocket.timeout=" + ATTEMPT_TIMEOUT.toMillis() + "ms",
					"apigw.websocket.retry.max-attempts=" + MAX_ATTEMPTS, "apigw.websocket.retry.initial-backoff=1ms",
					"apigw.websocket.retry.max-backoff=5ms");
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void syncAndAsyncClientsMakeExactlyMaxAttemptsRequestsPerCall(Style style) {
		this.contextRunner.withUserConfiguration(style.configuration).run((context) -> {
			WebSocketConnectionTemplate template = context.getBean(WebSocketConnectionTemplate.class);
			assertThatExceptionOfType(ManagementThrottledException.class).isThrownBy(() -> template.send("sync", "hi"));
			assertThat(template.sendAsync("async", "hi")).failsWithin(Duration.ofSeconds(10))
				.withThrowableThat()
				.withCauseInstanceOf(ManagementThrottledException.class);
			server.verify(MAX_ATTEMPTS, postRequestedFor(urlPathEqualTo("/prod/@connections/sync")));
			server.verify(MAX_ATTEMPTS, postRequestedFor(urlPathEqualTo("/prod/@connections/async")));
		});
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void clientsKeepWhatTheCustomizersSetWithOurAttemptTimeoutAndNoSdkRetries(Style style) {
		this.contextRunner.withUserConfiguration(style.configuration).run((context) -> {
			for (ClientOverrideConfiguration configuration : List.of(
					context.getBean(ApiGatewayManagementApiClient.class)
						.serviceClientConfiguration()
						.overrideConfiguration(),
					context.getBean(ApiGatewayManagementApiAsyncClient.class)
						.serviceClientConfiguration()
						.overrideConfiguration())) {
				assertThat(configuration.apiCallAttemptTimeout()).contains(ATTEMPT_TIMEOUT);
				assertThat(configuration.retryStrategy()).get().satisfies((strategy) -> {
					assertThat(strategy.maxAttempts()).isOne();
				});
				assertThat(configuration.retryPolicy()).isEmpty();
				if (style != Style.FRESH_CONFIGURATION) {
					assertThat(configuration.apiCallTimeout()).as("call timeout the customizer set")
						.contains(CALL_TIMEOUT);
				}
			}
			if (style == Style.FRESH_CONFIGURATION) {
				WebSocketConnectionTemplate template = context.getBean(WebSocketConnectionTemplate.class);
				assertThatExceptionOfType(ManagementThrottledException.class)
					.isThrownBy(() -> template.send("intercepted", "hi"));
				assertThat(intercepted).as("calls through the customizer's interceptor").hasValue(MAX_ATTEMPTS);
			}
		});
	}

	@ParameterizedTest
	@EnumSource(Style.class)
	void onlyACustomizerThatSetsRetriesOrAnAttemptTimeoutIsNamedInAWarning(Style style, CapturedOutput output) {
		this.contextRunner.withUserConfiguration(style.configuration).run((context) -> {
			assertThat(context).hasNotFailed();
			if (style == Style.OWN_RETRIES) {
				assertThat(output).contains(OwnRetriesCustomizers.class.getName())
					.contains(WARNING)
					.contains("'apigw.websocket.retry.*'")
					.contains("'apigw.websocket.timeout' (PT4.321S)");
			}
			else {
				assertThat(output).doesNotContain(WARNING);
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ToBuilderCustomizers {

		@Bean
		AwsClientCustomizer<ApiGatewayManagementApiClientBuilder> syncToBuilder() {
			return (builder) -> builder.overrideConfiguration(
					builder.overrideConfiguration().toBuilder().apiCallTimeout(CALL_TIMEOUT).build());
		}

		@Bean
		AwsClientCustomizer<ApiGatewayManagementApiAsyncClientBuilder> asyncToBuilder() {
			return (builder) -> builder.overrideConfiguration(
					builder.overrideConfiguration().toBuilder().apiCallTimeout(CALL_TIMEOUT).build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ConsumerCustomizers {

		@Bean
		AwsClientCustomizer<ApiGatewayManagementApiClientBuilder> syncConsumer() {
			return (builder) -> builder.overrideConfiguration((override) -> override.apiCallTimeout(CALL_TIMEOUT));
		}

		@Bean
		AwsClientCustomizer<ApiGatewayManagementApiAsyncClientBuilder> asyncConsumer() {
			return (builder) -> builder.overrideConfiguration((override) -> override.apiCallTimeout(CALL_TIMEOUT));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FreshConfigurationCustomizers {

		@Bean
		AwsClientCustomizer<ApiGatewayManagementApiClientBuilder> syncFreshConfiguration() {
			return (builder) -> builder.overrideConfiguration(
					ClientOverrideConfiguration.builder().addExecutionInterceptor(new CountingInterceptor()).build());
		}

		@Bean
		AwsClientCustomizer<ApiGatewayManagementApiAsyncClientBuilder> asyncFreshConfiguration() {
			return (builder) -> builder.overrideConfiguration(
					ClientOverrideConfiguration.builder().addExecutionInterceptor(new CountingInterceptor()).build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SharedCustomizers {

		// shared customizers receive the sync or async view of the builder; one that sets
		// the override configuration of every client casts it
		@Bean
		AwsSyncClientCustomizer sharedSync() {
			return (builder) -> ((AwsClientBuilder<?, ?>) builder)
				.overrideConfiguration((override) -> override.apiCallTimeout(CALL_TIMEOUT));
		}

		@Bean
		AwsAsyncClientCustomizer sharedAsync() {
			return (builder) -> ((AwsClientBuilder<?, ?>) builder)
				.overrideConfiguration((override) -> override.apiCallTimeout(CALL_TIMEOUT));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRetriesCustomizers {

		@Bean
		AwsClientCustomizer<ApiGatewayManagementApiClientBuilder> syncOwnRetries() {
			return (builder) -> builder.overrideConfiguration((override) -> override.retryPolicy(RetryMode.LEGACY)
				.apiCallAttemptTimeout(Duration.ofSeconds(60))
				.apiCallTimeout(CALL_TIMEOUT));
		}

		@Bean
		AwsAsyncClientCustomizer sharedOwnRetries() {
			return (builder) -> ((AwsClientBuilder<?, ?>) builder).overrideConfiguration(
					(override) -> override.retryStrategy(RetryMode.STANDARD).apiCallTimeout(CALL_TIMEOUT));
		}

	}

	static final class CountingInterceptor implements ExecutionInterceptor {

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
			intercepted.incrementAndGet();
		}

	}

}
