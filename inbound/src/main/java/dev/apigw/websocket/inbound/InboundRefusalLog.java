package dev.apigw.websocket.inbound;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.apache.commons.logging.Log;

/**
 * Logs refused inbound requests as warnings, at most one line per status and interval:
 * the requests refused in between are counted into the next line. The endpoint answers
 * every request it refuses, but a flood of forged or oversized requests must not flood
 * the log as well.
 */
final class InboundRefusalLog {

	static final Duration INTERVAL = Duration.ofSeconds(10);

	private final Consumer<String> warn;

	private final LongSupplier nanoTime;

	private final Status forbidden = new Status();

	private final Status tooLarge = new Status();

	private final Status badRequest = new Status();

	InboundRefusalLog(Log logger) {
		this((line) -> {
			if (logger.isWarnEnabled()) {
				logger.warn(line);
			}
		}, System::nanoTime);
	}

	InboundRefusalLog(Consumer<String> warn, LongSupplier nanoTime) {
		this.warn = warn;
		this.nanoTime = nanoTime;
	}

	/**
	 * Log a refusal, or count it when a line for its status was written less than an
	 * interval ago.
	 * @param status the status answered: 403, 413 or 400 (any other counts as 400)
	 * @param message what was refused and how to fix it
	 */
	void refused(int status, String message) {
		Status refusals = switch (status) {
			case 403 -> this.forbidden;
			case 413 -> this.tooLarge;
			default -> this.badRequest;
		};
		long counted = refusals.report(this.nanoTime.getAsLong());
		if (counted >= 0) {
			this.warn.accept("Refused an inbound request with " + status + ": " + message
					+ ((counted > 0) ? " (" + counted + " more refused with " + status + " in the "
							+ INTERVAL.toSeconds() + " s before this line were not logged)" : ""));
		}
	}

	/**
	 * The refusals of one status since its last line.
	 */
	private static final class Status {

		private static final long INTERVAL_NANOS = INTERVAL.toNanos();

		// NEVER until the first refusal, which is always logged
		private static final long NEVER = Long.MIN_VALUE;

		private final AtomicLong nextLineAt = new AtomicLong(NEVER);

		private final AtomicLong unlogged = new AtomicLong();

		/**
		 * Return how many refusals went unlogged before this one when it is to be logged,
		 * else -1 (it is counted).
		 */
		long report(long now) {
			long due = this.nextLineAt.get();
			if ((due == NEVER || now - due >= 0) && this.nextLineAt.compareAndSet(due, now + INTERVAL_NANOS)) {
				return this.unlogged.getAndSet(0);
			}
			this.unlogged.incrementAndGet();
			return -1;
		}

	}

}
