package dev.apigw.websocket.autoconfigure.inbound;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for the endpoint that receives API Gateway's route
 * integrations.
 *
 * @since 0.1.0
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
	 * Shared secret that every integration request must carry in the secret header, at
	 * least 16 characters. Required unless the server listens on a loopback address only
	 * or unauthenticated requests are allowed.
	 */
	private @Nullable String secret;

	/**
	 * Name of the header that carries the shared secret, mapped as a static value in the
	 * route's integration.
	 */
	private String secretHeader = "X-Apigw-Secret";

	/**
	 * Whether to start the endpoint without a secret on a server that does not listen on
	 * a loopback address only. Anyone who can reach the application can then forge
	 * connect, message and disconnect events; use it only behind network controls that
	 * admit API Gateway alone.
	 */
	private boolean allowUnauthenticated;

	/**
	 * Maximum size of the body of an integration request; larger requests are answered
	 * 413. The default is API Gateway's message limit (128KB) plus 8KB for what a request
	 * template may add.
	 */
	private DataSize maxBodySize = DataSize.ofKilobytes(136);

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

	public boolean isAllowUnauthenticated() {
		return this.allowUnauthenticated;
	}

	public void setAllowUnauthenticated(boolean allowUnauthenticated) {
		this.allowUnauthenticated = allowUnauthenticated;
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

}
