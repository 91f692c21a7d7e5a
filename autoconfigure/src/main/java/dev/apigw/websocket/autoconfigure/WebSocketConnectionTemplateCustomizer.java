package dev.apigw.websocket.autoconfigure;

import dev.apigw.websocket.WebSocketConnectionTemplate;

/**
 * Callback to customize the {@link WebSocketConnectionTemplate.Builder} of the
 * auto-configured {@link WebSocketConnectionTemplate} before it is built. Customizers are
 * applied in {@link org.springframework.core.Ordered order}, after the properties.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface WebSocketConnectionTemplateCustomizer {

	/**
	 * Customize the given builder.
	 * @param builder the builder to customize
	 */
	void customize(WebSocketConnectionTemplate.Builder builder);

}
