package com.example.checks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.apigw.websocket.ConnectionGoneException;
import dev.apigw.websocket.ManagementThrottledException;
import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.autoconfigure.WebSocketProperties;
import dev.apigw.websocket.emulator.EmulatedMessage;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.emulator.WebSocketTestClient;
import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;
import dev.apigw.websocket.test.AutoConfigureWebSocketEmulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * What every consumer build checks, exactly as an application's own test would: one AWS SDK
 * version on the runtime classpath, and the auto-configured template against the emulator
 * (text and JSON arrive, a 410 gives exactly one gone event, a 429 storm gives exactly
 * {@code max-attempts} requests). A consumer's test class extends it and adds nothing; the
 * configuration is the one of the documented example test, so that both share one context.
 * <p>
 * Writes what it found to {@code target/consumer-report.properties}, which the reactor's
 * consumer-tests module checks after all consumer builds.
 */
@SpringBootTest
@AutoConfigureWebSocketEmulator
public abstract class ConsumerChecks {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final Path REPORT = Path.of("target", "consumer-report.properties");

	private static final Pattern SDK_JAR = Pattern
		.compile("software/amazon/awssdk/([^/]+)/([^/]+)/\\1-\\2\\.jar$");

	@Autowired
	private WebSocketConnectionTemplate template;

	@Autowired
	private WebSocketApiEmulator emulator;

	@Autowired
	private WebSocketProperties properties;

	@Autowired
	private ConfigurableApplicationContext context;

	@AfterEach
	public void clearFaults() {
		this.emulator.faults().clear();
	}

	@Test
	public void oneAwsSdkVersionOnTheRuntimeClasspath() throws IOException {
		Map<String, Set<String>> artifacts = awsSdkArtifacts();
		assertThat(artifacts).containsKeys("apigatewaymanagementapi", "aws-core", "auth", "regions", "retries",
				"profiles", "sdk-core", "http-auth-aws", "utils", "netty-nio-client");
		Set<String> versions = new TreeSet<>();
		artifacts.values().forEach(versions::addAll);
		assertThat(versions).as("AWS SDK versions on the runtime classpath: %s", artifacts).hasSize(1);
		String version = versions.iterator().next();
		assertThat(artifacts.get("apigatewaymanagementapi")).containsExactly(version);
		String expected = System.getProperty("apigw.expected-aws-sdk-version");
		if (expected != null) {
			assertThat(version).as("AWS SDK version chosen by the build").isEqualTo(expected);
		}
		report("aws-sdk.version", version);
		report("aws-sdk.artifacts", String.join(",", artifacts.keySet()));
		report("java.version", Runtime.version().toString());
	}

	@Test
	public void contextComesFromGeneratedCodeExactlyInAotMode() {
		boolean aot = Boolean.getBoolean("spring.aot.enabled");
		String name = this.context.getBeanNamesForType(WebSocketConnectionTemplate.class)[0];
		BeanDefinition definition = this.context.getBeanFactory().getBeanDefinition(name);
		// AOT-generated bean registrations create beans through instance suppliers
		assertThat(((AbstractBeanDefinition) definition).getInstanceSupplier() != null)
			.as("template defined by AOT-generated code").isEqualTo(aot);
		report("aot", String.valueOf(aot));
	}

	@Test
	public void textAndJsonArriveInOrderAtARealWebSocketClient() {
		try (WebSocketTestClient client = clientWithAnIdThatNeedsEncoding()) {
			this.template.send(client.connectionId(), "hello");
			this.template.sendJson(client.connectionId(), new Notice("build finished", 3));
			assertThat(client.awaitMessages(2)).containsExactly("hello", "{\"text\":\"build finished\",\"count\":3}");
			// receivedMessages(): what the client received from the API, seen by the emulator
			assertThat(this.emulator.connection(client.connectionId()).orElseThrow().receivedMessages())
				.extracting(EmulatedMessage::text)
				.containsExactly("hello", "{\"text\":\"build finished\",\"count\":3}");
		}
		report("checked.text-and-json", "true");
	}

	@Test
	public void goneConnectionPublishesExactlyOneEvent() {
		GoneEvents goneEvents = new GoneEvents();
		this.context.addApplicationListener(goneEvents);
		try {
			WebSocketTestClient client = WebSocketTestClient.connect(this.emulator);
			String connectionId = client.connectionId();
			client.close();
			await().atMost(TIMEOUT).until(() -> this.emulator.connection(connectionId).isEmpty());
			assertThatExceptionOfType(ConnectionGoneException.class)
				.isThrownBy(() -> this.template.send(connectionId, "too late"));
			await().atMost(TIMEOUT).until(() -> goneEvents.count(connectionId) == 1);
			await().during(Duration.ofMillis(500)).atMost(TIMEOUT).until(() -> goneEvents.count(connectionId) == 1);
			assertThat(goneEvents.count()).isEqualTo(1);
		}
		finally {
			this.context.removeApplicationListener(goneEvents);
		}
		report("checked.gone-event", "true");
	}

	@Test
	public void throttlingStormCostsExactlyMaxAttemptsRequests() {
		int maxAttempts = this.properties.getRetry().getMaxAttempts();
		int storm = maxAttempts * 3;
		try (WebSocketTestClient client = WebSocketTestClient.connect(this.emulator)) {
			this.emulator.faults().throttleNext(storm);
			assertThatExceptionOfType(ManagementThrottledException.class)
				.isThrownBy(() -> this.template.send(client.connectionId(), "in the storm"));
			// the emulator answers one forced 429 per management request it receives: the 429s
			// still queued tell how many requests the template (and the SDK under it) sent
			int left = drainForcedThrottles(storm);
			assertThat(storm - left).as("management requests sent for one send in a 429 storm")
				.isEqualTo(maxAttempts);
			await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(client::messages, List::isEmpty);
			report("checked.throttle-attempts", String.valueOf(storm - left));
		}
	}

	/**
	 * A client whose connection id contains {@code /} or {@code +}, so that the sends prove the
	 * id is path-encoded once (about one id in three has one).
	 */
	private WebSocketTestClient clientWithAnIdThatNeedsEncoding() {
		for (int attempt = 0; attempt < 40; attempt++) {
			WebSocketTestClient client = WebSocketTestClient.connect(this.emulator);
			if (client.connectionId().contains("/") || client.connectionId().contains("+")) {
				return client;
			}
			client.close();
		}
		throw new IllegalStateException("No connection id with '/' or '+' in 40 connections");
	}

	/**
	 * Count the forced 429s still queued, by posting to an unknown connection until the
	 * emulator answers 410 (forced errors are used up before the id is looked up).
	 */
	private int drainForcedThrottles(int atMost) {
		URI uri = URI.create(this.emulator.managementEndpoint() + "/@connections/"
				+ URLEncoder.encode("unknown/id+0000=", StandardCharsets.UTF_8));
		HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
		int throttled = 0;
		for (int request = 0; request <= atMost; request++) {
			HttpRequest post = HttpRequest.newBuilder(uri)
				.timeout(TIMEOUT)
				.POST(HttpRequest.BodyPublishers.ofString("drain"))
				.build();
			int status;
			try {
				status = http.send(post, HttpResponse.BodyHandlers.discarding()).statusCode();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			if (status != 429) {
				assertThat(status).as("status for an unknown connection once the storm is over").isEqualTo(410);
				return throttled;
			}
			throttled++;
		}
		throw new AssertionError("More than " + atMost + " forced 429s were queued");
	}

	/**
	 * Every {@code software.amazon.awssdk} artifact on the runtime classpath with its versions,
	 * from the jars' Maven metadata and, where the class path names jars, from their paths.
	 */
	protected static Map<String, Set<String>> awsSdkArtifacts() throws IOException {
		Map<String, Set<String>> artifacts = new TreeMap<>();
		Resource[] poms = new PathMatchingResourcePatternResolver()
			.getResources("classpath*:META-INF/maven/software.amazon.awssdk/*/pom.properties");
		for (Resource pom : poms) {
			Properties properties = new Properties();
			try (InputStream in = pom.getInputStream()) {
				properties.load(in);
			}
			artifacts.computeIfAbsent(properties.getProperty("artifactId"), (key) -> new TreeSet<>())
				.add(properties.getProperty("version"));
		}
		for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
			Matcher matcher = SDK_JAR.matcher(entry.replace('\\', '/'));
			if (matcher.find()) {
				artifacts.computeIfAbsent(matcher.group(1), (key) -> new TreeSet<>()).add(matcher.group(2));
			}
		}
		return artifacts;
	}

	protected static synchronized void report(String key, String value) {
		try {
			Properties properties = new Properties();
			if (Files.exists(REPORT)) {
				try (InputStream in = Files.newInputStream(REPORT)) {
					properties.load(in);
				}
			}
			properties.setProperty(key, value);
			Files.createDirectories(REPORT.getParent());
			try (var out = Files.newOutputStream(REPORT)) {
				properties.store(out, "apigw-websocket consumer build");
			}
			System.out.println("apigw consumer check: " + key + "=" + value);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public record Notice(String text, int count) {
	}

	/**
	 * Records the gone events the application publishes, from any thread.
	 */
	static final class GoneEvents implements ApplicationListener<PayloadApplicationEvent<WebSocketConnectionGoneEvent>> {

		private final List<WebSocketConnectionGoneEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(PayloadApplicationEvent<WebSocketConnectionGoneEvent> event) {
			this.events.add(event.getPayload());
		}

		long count() {
			return this.events.size();
		}

		long count(String connectionId) {
			return this.events.stream().filter((event) -> event.connectionId().equals(connectionId)).count();
		}

	}

}
