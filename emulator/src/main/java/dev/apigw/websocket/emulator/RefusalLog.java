package dev.apigw.websocket.emulator;

import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Logs what the emulator refuses, cuts off or slows down, as warnings of the logger
 * {@code dev.apigw.websocket.emulator.WebSocketApiEmulator}: at most one line per kind
 * and second, with the number of like events left out since the previous line, so an
 * overload cannot flood the log.
 */
final class RefusalLog {

	private static final System.Logger logger = System.getLogger(WebSocketApiEmulator.class.getName());

	private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final Map<Kind, Window> windows = new EnumMap<>(Kind.class);

	RefusalLog() {
		for (Kind kind : Kind.values()) {
			this.windows.put(kind, new Window());
		}
	}

	void log(Kind kind, Supplier<String> message) {
		long leftOut = this.windows.get(kind).admit(System.nanoTime());
		if (leftOut >= 0 && logger.isLoggable(Level.WARNING)) {
			String text = message.get();
			logger.log(Level.WARNING,
					(leftOut > 0) ? text + " (and " + leftOut + " more since the last report)" : text);
		}
	}

	/**
	 * What is logged; each kind has its own rate.
	 */
	enum Kind {

		CONNECTION_LIMIT, REQUEST_BUFFER, REQUEST_TIMEOUT, PAYLOAD_TOO_LARGE, CLIENT_BUFFER_FULL, READING_PAUSED,
		PROTOCOL, SIGNATURE, LAMBDA_THROTTLED, LAMBDA_TIMEOUT, LAMBDA_ERROR, LAMBDA_RESPONSE_TOO_LARGE,
		INTEGRATION_THROTTLED, INTEGRATION_TIMEOUT, INTEGRATION_ERROR, INTEGRATION_RESPONSE_TOO_LARGE

	}

	private static final class Window {

		private boolean started;

		private long lastLogged;

		private long leftOut;

		/**
		 * The number of events left out since the last line when this one is to be
		 * logged, else -1.
		 */
		synchronized long admit(long now) {
			if (this.started && now - this.lastLogged < INTERVAL_NANOS) {
				this.leftOut++;
				return -1;
			}
			this.started = true;
			this.lastLogged = now;
			long count = this.leftOut;
			this.leftOut = 0;
			return count;
		}

	}

}
