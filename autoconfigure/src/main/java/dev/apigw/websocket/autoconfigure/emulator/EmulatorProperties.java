package dev.apigw.websocket.autoconfigure.emulator;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for the API Gateway WebSocket emulator run inside the
 * application.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("apigw.websocket.emulator")
public class EmulatorProperties {

	/**
	 * Whether to start the emulator in-process and point the management client at it.
	 */
	private boolean enabled;

	/**
	 * Port of the emulator's WebSocket and management endpoints on 127.0.0.1. 0 picks a
	 * free port.
	 */
	private int port;

	/**
	 * Stage of the emulated API, the first path segment of its URLs.
	 */
	private String stage = "local";

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public String getStage() {
		return this.stage;
	}

	public void setStage(String stage) {
		this.stage = stage;
	}

}
