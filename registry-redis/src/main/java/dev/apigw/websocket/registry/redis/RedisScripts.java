package dev.apigw.websocket.registry.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.StreamUtils;

/**
 * The Lua scripts of {@link RedisConnectionRegistry}, each with the shared functions of
 * {@code lib.lua} prepended.
 */
final class RedisScripts {

	static final RedisScript<Long> REGISTER = script("register", Long.class);

	static final RedisScript<Long> REMOVE = script("remove", Long.class);

	static final RedisScript<Long> JOIN = script("join", Long.class);

	static final RedisScript<Long> LEAVE = script("leave", Long.class);

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> GROUPS = script("groups", List.class);

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> MEMBERS = script("members", List.class);

	private RedisScripts() {
	}

	private static <T> RedisScript<T> script(String name, Class<T> resultType) {
		return RedisScript.of(read("lib") + read(name), resultType);
	}

	private static String read(String name) {
		ClassPathResource resource = new ClassPathResource(name + ".lua", RedisScripts.class);
		try {
			return StreamUtils.copyToString(resource.getInputStream(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read Redis script " + resource, ex);
		}
	}

}
