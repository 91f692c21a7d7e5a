package dev.apigw.websocket;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.utils.StringInputStream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * What each {@link DeliveryMode} retries, through the real SDK clients (apache5 sync and
 * Netty async) against faults injected by a stub server: a post that may have reached API
 * Gateway is repeated only at least once; what cannot have been delivered is retried in
 * both modes; idempotent calls are retried after any transient failure.
 */
class DeliveryModeTests {

	private static final AttemptCounter attempts = new AttemptCounter();

	@RegisterExtension
	static final ManagementApiExtension api = new ManagementApiExtension(attempts);

	private static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(300);

	// longer than the attempt timeout: the request reached the server, the answer comes
	// too late
	private static final int SERVER_DELAY_MILLIS = 1_500;

	// after the expected count is reached, how long no further request may arrive
	private static final Duration QUIET = Duration.ofMillis(500);

	private static final int MAX_ATTEMPTS = 3;

	private static final int SENDS = 10;

	enum Api {

		SYNC, ASYNC

	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void atMostOnceSendsEachTimedOutPostOnce(Api api) {
		stubAll(ManagementApiStubs.ok().withFixedDelay(SERVER_DELAY_MILLIS));
		try (ManagementApiClients clients = shortAttemptTimeout()) {
			WebSocketConnectionTemplate template = template(clients, DeliveryMode.AT_MOST_ONCE);
			for (int i = 0; i < SENDS; i++) {
				assertThat(post(api, template, "timed-out-" + i)).isInstanceOf(ManagementIoException.class)
					.isNotInstanceOf(ManagementConnectException.class)
					.hasCauseInstanceOf(ApiCallAttemptTimeoutException.class)
					.satisfies((ex) -> assertThat(ex.mayHaveTakenEffect()).isTrue());
			}
			assertArrivals("timed-out-", SENDS);
		}
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void atLeastOnceRepeatsATimedOutPostUpToMaxAttempts(Api api) {
		stubAll(ManagementApiStubs.ok().withFixedDelay(SERVER_DELAY_MILLIS));
		try (ManagementApiClients clients = shortAttemptTimeout()) {
			WebSocketConnectionTemplate template = template(clients, DeliveryMode.AT_LEAST_ONCE);
			assertThat(post(api, template, "repeated")).isInstanceOf(ManagementIoException.class);
			assertArrivals("repeated", MAX_ATTEMPTS);
		}
	}

	@ParameterizedTest
	@EnumSource(DeliveryMode.class)
	void connectionResetAfterThePostWasSentIsRepeatedOnlyAtLeastOnce(DeliveryMode deliveryMode) {
		stubAll(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
		WebSocketConnectionTemplate template = template(api.clients(), deliveryMode);
		for (Api call : Api.values()) {
			assertThat(post(call, template, "reset")).isInstanceOf(ManagementIoException.class)
				.extracting(WebSocketManagementException::outcome)
				.isEqualTo(ManagementOutcome.IO_ERROR);
		}
		assertArrivals("reset", (deliveryMode == DeliveryMode.AT_MOST_ONCE) ? 2 : 2 * MAX_ATTEMPTS);
	}

	@ParameterizedTest
	@EnumSource(DeliveryMode.class)
	void refusedConnectionIsRetriedInEveryModeAndSendsNothing(DeliveryMode deliveryMode) {
		// a refused connect is answered at once: the long attempt timeout only keeps a
		// cold client on a busy machine from timing out before its first connect attempt
		try (ManagementApiClients clients = new ManagementApiClients(closedPort(), Duration.ofSeconds(60), attempts)) {
			// nor may the retry layer's total time run out before the last attempt: a
			// cold Netty client on a busy machine has been seen to take its 10 s acquire
			// timeout for one refused connect
			WebSocketConnectionTemplate template = clients.templateBuilder()
				.retrySettings(new RetrySettings(MAX_ATTEMPTS, Duration.ofMillis(1), 2.0, Duration.ofMillis(5),
						Duration.ofMinutes(5), true))
				.deliveryMode(deliveryMode)
				.build();
			for (Api call : Api.values()) {
				attempts.reset();
				assertThat(post(call, template, "refused")).isInstanceOf(ManagementConnectException.class)
					.hasMessageContaining("was not sent")
					.satisfies((ex) -> {
						assertThat(ex.outcome()).isEqualTo(ManagementOutcome.CONNECT_ERROR);
						assertThat(ex.mayHaveTakenEffect()).isFalse();
					});
				assertThat(attempts.count()).as(call + " attempts").isEqualTo(MAX_ATTEMPTS);
			}
		}
	}

	@ParameterizedTest
	@EnumSource(DeliveryMode.class)
	void throttledPostIsRetriedInEveryMode(DeliveryMode deliveryMode) {
		stubAll(ManagementApiStubs.error(429, "LimitExceededException"));
		WebSocketConnectionTemplate template = template(api.clients(), deliveryMode);
		for (Api call : Api.values()) {
			assertThat(post(call, template, "throttled")).isInstanceOf(ManagementThrottledException.class);
		}
		assertArrivals("throttled", 2 * MAX_ATTEMPTS);
	}

	@ParameterizedTest
	@EnumSource(DeliveryMode.class)
	void serviceUnavailableIsRetriedInEveryMode(DeliveryMode deliveryMode) {
		stubAll(ManagementApiStubs.errorWithoutType(503));
		WebSocketConnectionTemplate template = template(api.clients(), deliveryMode);
		for (Api call : Api.values()) {
			assertThat(post(call, template, "unavailable")).isInstanceOf(ManagementServerException.class)
				.satisfies((ex) -> assertThat(ex.mayHaveTakenEffect()).isFalse());
		}
		assertArrivals("unavailable", 2 * MAX_ATTEMPTS);
	}

	@ParameterizedTest
	@EnumSource(DeliveryMode.class)
	void internalErrorIsRepeatedOnlyAtLeastOnce(DeliveryMode deliveryMode) {
		stubAll(ManagementApiStubs.errorWithoutType(500));
		WebSocketConnectionTemplate template = template(api.clients(), deliveryMode);
		for (Api call : Api.values()) {
			assertThat(post(call, template, "internal-error")).isInstanceOf(ManagementServerException.class)
				.satisfies((ex) -> assertThat(ex.mayHaveTakenEffect()).isTrue());
		}
		assertArrivals("internal-error", (deliveryMode == DeliveryMode.AT_MOST_ONCE) ? 2 : 2 * MAX_ATTEMPTS);
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void timedOutLookupsAndDisconnectsAreRetriedAtMostOnceToo(Api api) {
		stubAll(ManagementApiStubs.ok().withFixedDelay(SERVER_DELAY_MILLIS));
		try (ManagementApiClients clients = shortAttemptTimeout()) {
			WebSocketConnectionTemplate template = template(clients, DeliveryMode.AT_MOST_ONCE);
			assertThat(failure(api, () -> template.getConnection("slow"), () -> template.getConnectionAsync("slow")))
				.isInstanceOf(ManagementIoException.class);
			assertThat(failure(api, () -> template.disconnect("slow"), () -> template.disconnectAsync("slow")))
				.isInstanceOf(ManagementIoException.class);
			assertArrivals("slow", 2 * MAX_ATTEMPTS);
			assertThat(DeliveryModeTests.api.arrivals().countFor("GET", "slow")).isEqualTo(MAX_ATTEMPTS);
			assertThat(DeliveryModeTests.api.arrivals().countFor("DELETE", "slow")).isEqualTo(MAX_ATTEMPTS);
		}
	}

	@ParameterizedTest
	@EnumSource(Api.class)
	void missingCredentialsAreAConfigurationErrorNeverRetriedAndSendNothing(Api api) {
		// the SDK's own providers, failing as the default chain does on a machine without
		// credentials
		ProfileFile noProfiles = ProfileFile.builder()
			.content(new StringInputStream(""))
			.type(ProfileFile.Type.CREDENTIALS)
			.build();
		AwsCredentialsProviderChain noCredentials = AwsCredentialsProviderChain.of(
				SystemPropertyCredentialsProvider.create(),
				ProfileCredentialsProvider.builder().profileFile(noProfiles).profileName("none").build());
		// each attempt asks for credentials once; depending on the SDK version, that may
		// be before
		// the execution interceptors run, so count the requests for credentials
		AtomicInteger credentialRequests = new AtomicInteger();
		AwsCredentialsProvider countingNoCredentials = () -> {
			credentialRequests.incrementAndGet();
			return noCredentials.resolveCredentials();
		};
		stubAll(ManagementApiStubs.ok());
		try (ManagementApiClients clients = new ManagementApiClients(DeliveryModeTests.api.server().port(),
				Duration.ofSeconds(60), countingNoCredentials, attempts)) {
			credentialRequests.set(0);
			WebSocketConnectionTemplate template = template(clients, DeliveryMode.AT_LEAST_ONCE);
			assertThat(post(api, template, "abc")).isInstanceOf(ManagementConfigurationException.class)
				.hasMessageStartingWith("PostToConnection for connection 'abc' was not sent: no AWS credentials")
				.hasMessageContaining("spring.cloud.aws.credentials.*")
				.hasMessageContaining("Unable to load credentials from any of the providers in the chain")
				.satisfies((ex) -> {
					assertThat(ex.outcome()).isEqualTo(ManagementOutcome.CONFIGURATION_ERROR);
					assertThat(ex.mayHaveTakenEffect()).isFalse();
				});
			assertThat(credentialRequests).hasValue(1);
			assertArrivals("abc", 0);
		}
	}

	@Test
	void mixedSdkVersionsAreAConfigurationErrorNamingTheBom() {
		// what mismatched SDK modules throw from inside the client's pipeline
		ExecutionInterceptor linkageFailure = new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
				attempts.beforeExecution(context, executionAttributes);
				throw new NoSuchMethodError("'software.amazon.awssdk.identity.spi.IdentityProvider "
						+ "software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration.credentialsIdentityProvider()'");
			}

		};
		stubAll(ManagementApiStubs.ok());
		try (ManagementApiClients clients = new ManagementApiClients(api.server().port(), Duration.ofSeconds(60),
				linkageFailure)) {
			attempts.reset();
			WebSocketConnectionTemplate template = template(clients, DeliveryMode.AT_LEAST_ONCE);
			for (Api call : Api.values()) {
				assertThat(post(call, template, "abc")).isInstanceOf(ManagementConfigurationException.class)
					.hasMessageContaining("mixed AWS SDK versions on the classpath")
					.hasMessageContaining("AWS SDK BOM");
			}
			assertThat(attempts.count()).isEqualTo(2);
			assertArrivals("abc", 0);
		}
	}

	private void stubAll(ResponseDefinitionBuilder answer) {
		api.server().stubFor(any(anyUrl()).willReturn(answer));
	}

	/**
	 * Clients whose attempts time out before the delayed answers, warmed up so that no
	 * attempt times out before its request is written (a cold client may).
	 */
	private static ManagementApiClients shortAttemptTimeout() {
		ManagementApiClients clients = api.clientsWithAttemptTimeout(ATTEMPT_TIMEOUT);
		api.server()
			.stubFor(any(urlPathEqualTo(ManagementApiStubs.CONNECTIONS_PATH + "warm-up")).atPriority(1)
				.willReturn(ManagementApiStubs.ok()));
		WebSocketConnectionTemplate template = clients.templateBuilder().build();
		await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
			template.send("warm-up", "hello");
			template.sendAsync("warm-up", "hello").join();
		});
		return clients;
	}

	private static WebSocketConnectionTemplate template(ManagementApiClients clients, DeliveryMode deliveryMode) {
		return clients.templateBuilder()
			.retrySettings(ManagementApiClients.fastRetries(MAX_ATTEMPTS))
			.deliveryMode(deliveryMode)
			.build();
	}

	/**
	 * Exactly that many requests reach the server: the count is reached, then stays for a
	 * while, long enough for a retry that should not happen to arrive.
	 */
	private static void assertArrivals(String connectionIdPrefix, int expected) {
		await().atMost(Duration.ofSeconds(10)).until(() -> api.arrivals().countFor(connectionIdPrefix) >= expected);
		await().during(QUIET)
			.atMost(QUIET.plusSeconds(5))
			.untilAsserted(() -> assertThat(api.arrivals().countFor(connectionIdPrefix))
				.as("requests for '%s*'", connectionIdPrefix)
				.isEqualTo(expected));
	}

	private static WebSocketManagementException post(Api api, WebSocketConnectionTemplate template,
			String connectionId) {
		return failure(api, () -> template.send(connectionId, "hello"),
				() -> template.sendAsync(connectionId, "hello"));
	}

	private static WebSocketManagementException failure(Api api, Runnable blocking,
			java.util.function.Supplier<? extends java.util.concurrent.Future<?>> nonBlocking) {
		Throwable failure = (api == Api.SYNC) ? catchThrowable(blocking::run)
				: catchThrowable(() -> nonBlocking.get().get(60, TimeUnit.SECONDS));
		if (api == Api.ASYNC) {
			assertThat(failure).isInstanceOf(ExecutionException.class);
			failure = failure.getCause();
		}
		assertThat(failure).isInstanceOf(WebSocketManagementException.class);
		return (WebSocketManagementException) failure;
	}

	/**
	 * A loopback port nothing listens on, below the usual ephemeral range: connecting to
	 * a free port inside that range can, rarely, connect the socket to itself.
	 */
	private static int closedPort() {
		int first = 20_000 + ThreadLocalRandom.current().nextInt(10_000);
		for (int port = first; port < first + 100; port++) {
			try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
				return socket.getLocalPort();
			}
			catch (IOException ex) {
				// in use: try the next one
			}
		}
		throw new IllegalStateException("No free loopback port from " + first);
	}

	/**
	 * Counts SDK executions: one per attempt, since SDK retries are off.
	 */
	static final class AttemptCounter implements ExecutionInterceptor {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
			this.count.incrementAndGet();
		}

		int count() {
			return this.count.get();
		}

		void reset() {
			this.count.set(0);
		}

	}

}
