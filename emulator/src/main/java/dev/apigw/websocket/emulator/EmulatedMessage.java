package dev.apigw.websocket.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One WebSocket message as the emulator saw it.
 *
 * @param data message bytes
 * @param binary whether it travelled as a binary message (text messages are UTF-8)
 * @param time when the emulator sent or received it
 * @since 0.1.0
 */
public record EmulatedMessage(byte[] data, boolean binary, Instant time) {

	/**
	 * Create a message; copies the data.
	 */
	public EmulatedMessage {
		data = data.clone();
	}

	@Override
	public byte[] data() {
		return this.data.clone();
	}

	/**
	 * The data decoded as UTF-8.
	 * @return the message text
	 */
	public String text() {
		return new String(this.data, StandardCharsets.UTF_8);
	}

}
