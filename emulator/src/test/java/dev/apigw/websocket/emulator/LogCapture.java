package dev.apigw.websocket.emulator;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Records what the emulator logs about refusals ({@code System.Logger}, which goes to
 * {@code java.util.logging} here).
 */
final class LogCapture extends Handler implements AutoCloseable {

	final List<String> messages = new CopyOnWriteArrayList<>();

	private final Logger logger = Logger.getLogger(WebSocketApiEmulator.class.getName());

	LogCapture() {
		this.logger.addHandler(this);
	}

	@Override
	public void publish(LogRecord record) {
		this.messages.add(record.getMessage());
	}

	@Override
	public void flush() {
	}

	@Override
	public void close() {
		this.logger.removeHandler(this);
	}

}
