package dev.apigw.websocket.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property table of {@code docs/configuration.md} is the configuration metadata that
 * the build generates from the properties' javadoc and defaults, row for row, so that the
 * reference cannot drift from the code. On a mismatch the failure shows the table to
 * paste.
 */
class ConfigurationReferenceTests {

	private static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

	private static final Path REFERENCE = Path.of("../docs/configuration.md");

	private static final String TABLE_HEADER = "| property | default | description |\n|---|---|---|\n";

	@Test
	void referenceTableIsTheGeneratedMetadata() throws IOException {
		String expected = TABLE_HEADER + String.join("\n", rows()) + "\n";
		String reference = Files.readString(REFERENCE);
		int start = reference.indexOf(TABLE_HEADER);
		assertThat(start).as("%s has the property table", REFERENCE).isNotNegative();
		int end = reference.indexOf("\n\n", start);
		assertThat(reference.substring(start, end + 1))
			.as("the property table of %s; paste this one:%n%s", REFERENCE, expected)
			.isEqualTo(expected);
	}

	private static List<String> rows() throws IOException {
		JsonNode metadata = JsonMapper.builder().build().readTree(Files.readString(METADATA));
		List<JsonNode> properties = new ArrayList<>();
		metadata.get("properties").forEach(properties::add);
		properties.sort(Comparator.comparing((JsonNode property) -> property.get("name").asString()));
		List<String> rows = new ArrayList<>();
		for (JsonNode property : properties) {
			JsonNode deprecation = property.get("deprecation");
			if (deprecation != null && "error".equals(deprecation.path("level").asString())) {
				continue; // removed properties fail at startup: the reference lists what
							// works
			}
			JsonNode defaultValue = property.get("defaultValue");
			String shownDefault = (defaultValue != null) ? "`" + defaultValue.asString() + "`" : "";
			String description = property.path("description").asString("").replaceAll("\\s+", " ").trim();
			rows.add("| `" + property.get("name").asString() + "` | " + shownDefault + " | " + description + " |");
		}
		return rows;
	}

}
