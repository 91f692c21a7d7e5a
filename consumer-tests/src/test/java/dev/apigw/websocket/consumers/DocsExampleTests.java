package dev.apigw.websocket.consumers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples in docs/testing.md and the README are the Quick Start consumer build's own
 * files, character for character, so that the consumer build proves they compile and
 * pass.
 */
class DocsExampleTests {

	private static final Path EXAMPLE = Path
		.of("src/it/quickstart/src/test/java/com/example/quickstart/NotificationTests.java");

	@Test
	void testingGuideShowsTheQuickStartConsumersTest() throws IOException {
		String guide = Files.readString(Path.of("../docs/testing.md"));
		int marker = guide.indexOf(EXAMPLE.toString().replace("src/it/", "consumer-tests/src/it/"));
		assertThat(marker).as("docs/testing.md names the example's file").isPositive();
		int start = guide.indexOf("```java\n", marker) + "```java\n".length();
		int end = guide.indexOf("```\n", start);
		assertThat(guide.substring(start, end)).isEqualTo(Files.readString(EXAMPLE));
	}

	@Test
	void readmeShowsTheQuickStartConsumersNotifier() throws IOException {
		Path notifier = Path.of("src/it/quickstart/src/main/java/com/example/quickstart/Notifier.java");
		String readme = Files.readString(Path.of("../README.md"));
		int marker = readme.indexOf("consumer-tests/" + notifier);
		assertThat(marker).as("README.md names the Notifier's file").isPositive();
		int start = readme.indexOf("```java\n", marker) + "```java\n".length();
		int end = readme.indexOf("```\n", start);
		assertThat(readme.substring(start, end)).isEqualTo(Files.readString(notifier));
	}

}
