package dev.apigw.websocket.consumers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example in docs/testing.md is the Quick Start consumer build's test, character for
 * character, so that the consumer build proves it compiles and passes.
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

}
