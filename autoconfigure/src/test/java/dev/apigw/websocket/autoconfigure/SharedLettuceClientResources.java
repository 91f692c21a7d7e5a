package dev.apigw.websocket.autoconfigure;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One set of Lettuce client resources for every test context that talks to Redis:
 * shutting down each context's own would add seconds to every test.
 */
@Configuration(proxyBeanMethods = false)
public class SharedLettuceClientResources {

	private static final ClientResources SHARED = DefaultClientResources.create();

	@Bean(destroyMethod = "")
	ClientResources sharedClientResources() {
		return SHARED;
	}

}
