package dev.apigw.websocket.consumers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.apigw.websocket.autoconfigure.WebSocketProperties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the consumer builds (src/it, run by invoker:run before this test) reported: the
 * AWS SDK version each resolved, the JDK it ran on, whether it ran on AOT-generated code,
 * and that every shared check ran. Prints one line per consumer build.
 */
class ConsumerBuildsResultsTests {

	private static final List<String> CONSUMERS = List.of("quickstart", "spring-cloud-aws-sqs", "aws-sdk-bom",
			"boot-bom-no-parent", "java25", "aot");

	private static final Map<String, Properties> reports = new LinkedHashMap<>();

	@BeforeAll
	static void readReports() throws IOException {
		Path directory = Path.of(System.getProperty("consumer-builds.directory"));
		for (String consumer : selected()) {
			Path report = directory.resolve(consumer).resolve("target/consumer-report.properties");
			assertThat(report).as("report of the consumer build '%s'", consumer).exists();
			Properties properties = new Properties();
			try (InputStream in = Files.newInputStream(report)) {
				properties.load(in);
			}
			reports.put(consumer, properties);
			System.out.printf("consumer build %-22s AWS SDK %-8s Java %-8s AOT %-5s 429 storm: %s requests%n", consumer,
					properties.getProperty("aws-sdk.version"), properties.getProperty("java.version"),
					properties.getProperty("aot"), properties.getProperty("checked.throttle-attempts"));
		}
	}

	@Test
	void eachConsumerGetsTheSdkVersionOfItsOwnDependencyManagement() throws IOException {
		String aligned = sdkVersionOfThisBuild();
		reports.forEach((consumer, report) -> assertThat(report.getProperty("aws-sdk.version")).as(consumer)
			.isEqualTo(consumer.equals("aws-sdk-bom") ? System.getProperty("newest-aws-sdk.version") : aligned));
	}

	@Test
	void everyConsumerRanEveryCheck() {
		int maxAttempts = new WebSocketProperties().getRetry().getMaxAttempts();
		reports.forEach((consumer, report) -> {
			assertThat(report.getProperty("checked.text-and-json")).as(consumer).isEqualTo("true");
			assertThat(report.getProperty("checked.gone-event")).as(consumer).isEqualTo("true");
			assertThat(report.getProperty("checked.throttle-attempts")).as(consumer)
				.isEqualTo(String.valueOf(maxAttempts));
		});
	}

	@Test
	void java25ConsumerRanOnJava25AndTheOthersOnJava17() {
		reports.forEach((consumer, report) -> assertThat(report.getProperty("java.version")).as(consumer)
			.startsWith(consumer.equals("java25") ? "25" : "17"));
	}

	@Test
	void onlyTheAotConsumerRanOnGeneratedCode() {
		reports.forEach((consumer, report) -> assertThat(report.getProperty("aot")).as(consumer)
			.isEqualTo(String.valueOf(consumer.equals("aot"))));
	}

	/**
	 * The consumer builds that ran: all, or those chosen with {@code -Dinvoker.test}.
	 */
	private static List<String> selected() {
		String selection = System.getProperty("consumer-builds.selected", "");
		if (selection.isBlank() || selection.startsWith("${")) {
			return CONSUMERS;
		}
		List<String> chosen = Arrays.asList(selection.split("\\s*,\\s*"));
		return CONSUMERS.stream().filter(chosen::contains).toList();
	}

	/**
	 * The SDK version of this reactor's own classpath: the one Spring Cloud AWS manages.
	 */
	private static String sdkVersionOfThisBuild() throws IOException {
		Properties pom = new Properties();
		try (InputStream in = ConsumerBuildsResultsTests.class.getClassLoader()
			.getResourceAsStream("META-INF/maven/software.amazon.awssdk/apigatewaymanagementapi/pom.properties")) {
			assertThat(in).isNotNull();
			pom.load(in);
		}
		return pom.getProperty("version");
	}

}
