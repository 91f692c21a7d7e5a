package dev.apigw.websocket.payload;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JacksonPayloadConverter}.
 */
class JacksonPayloadConverterTests {

	@Test
	void writesJsonWithTheSharedMapper() {
		byte[] json = new JacksonPayloadConverter().convert(new Notice("héllo", List.of(1, 2)));
		assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"text\":\"héllo\",\"values\":[1,2]}");
	}

	@Test
	void usesTheGivenMapper() {
		JsonMapper indenting = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
		byte[] json = new JacksonPayloadConverter(indenting).convert(new Notice("hi", List.of()));
		assertThat(new String(json, StandardCharsets.UTF_8)).contains("\n");
	}

	record Notice(String text, List<Integer> values) {
	}

}
