package dev.apigw.websocket.payload;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.Assert;

/**
 * {@link PayloadConverter} that writes JSON with a Jackson 3 {@link JsonMapper}.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class JacksonPayloadConverter implements PayloadConverter {

	private final JsonMapper jsonMapper;

	/**
	 * Create a converter using Jackson's shared default {@link JsonMapper}.
	 */
	public JacksonPayloadConverter() {
		this(JsonMapper.shared());
	}

	/**
	 * Create a converter using the given mapper, typically the application's.
	 * @param jsonMapper the mapper
	 */
	public JacksonPayloadConverter(JsonMapper jsonMapper) {
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.jsonMapper = jsonMapper;
	}

	@Override
	public byte[] convert(Object payload) {
		return this.jsonMapper.writeValueAsBytes(payload);
	}

}
