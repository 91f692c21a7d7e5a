package dev.apigw.websocket.autoconfigure.inbound;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the endpoint that receives API Gateway's route integrations.
 */
@ConfigurationProperties("apigw.websocket.inbound")
public class InboundEventsProperties {

	/**
	 * Whether to expose the endpoint for API Gateway's HTTP integrations.
	 */
	private boolean enabled = true;

	/**
	 * Path of the endpoint that the $connect, $disconnect and message routes' HTTP
	 * integrations call.
	 */
	private String path = "/apigw/websocket";

	/**
	 * Shared secret that every integration request must carry in the secret header. Without
	 * it, anyone who can reach the application can forge connect, message and disconnect
	 * events.
	 */
	private @Nullable String secret;

	/**
	 * Name of the header that carries the shared secret, mapped as a static value in the
	 * route's integration.
	 */
	private String secretHeader = "X-Apigw-Secret";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public @Nullable String getSecret() {
		return this.secret;
	}

	public void setSecret(@Nullable String secret) {
		this.secret = secret;
	}

	public String getSecretHeader() {
		return this.secretHeader;
	}

	public void setSecretHeader(String secretHeader) {
		this.secretHeader = secretHeader;
	}

}
