package dev.apigw.websocket.retry;

import java.util.concurrent.ThreadLocalRandom;

import org.springframework.retry.RetryContext;
import org.springframework.retry.backoff.BackOffContext;
import org.springframework.retry.backoff.BackOffInterruptedException;
import org.springframework.retry.backoff.BackOffPolicy;
import org.springframework.retry.backoff.Sleeper;
import org.springframework.retry.backoff.ThreadWaitSleeper;

/**
 * Exponential backoff with full jitter: before retry {@code n} (from 0) it waits a random
 * time between 0 and {@code min(maxBackoff, initialBackoff * multiplier^n)}, so that
 * clients throttled together do not retry together. Used by the blocking path through
 * {@link #backOff(BackOffContext)} and by the non-blocking path through
 * {@link #nextDelayMillis(BackOffContext)}.
 *
 * @author apigw-websocket
 */
public final class FullJitterBackOffPolicy implements BackOffPolicy {

	private final long initialMillis;

	private final double multiplier;

	private final long maxMillis;

	private final Sleeper sleeper;

	/**
	 * Create a policy from retry settings.
	 * @param settings the settings
	 */
	public FullJitterBackOffPolicy(RetrySettings settings) {
		this(settings, new ThreadWaitSleeper());
	}

	FullJitterBackOffPolicy(RetrySettings settings, Sleeper sleeper) {
		this.initialMillis = settings.initialBackoff().toMillis();
		this.multiplier = settings.multiplier();
		this.maxMillis = settings.maxBackoff().toMillis();
		this.sleeper = sleeper;
	}

	@Override
	public BackOffContext start(RetryContext context) {
		return new Retries();
	}

	@Override
	public void backOff(BackOffContext backOffContext) throws BackOffInterruptedException {
		try {
			this.sleeper.sleep(nextDelayMillis(backOffContext));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new BackOffInterruptedException("Interrupted while backing off before a retry", ex);
		}
	}

	/**
	 * Return the delay before the next retry and count the retry.
	 * @param backOffContext the context returned by {@link #start(RetryContext)}
	 * @return the delay in milliseconds, between 0 and the current ceiling
	 */
	public long nextDelayMillis(BackOffContext backOffContext) {
		long ceiling = ceilingMillis(((Retries) backOffContext).next());
		return ThreadLocalRandom.current().nextLong(ceiling + 1);
	}

	long ceilingMillis(int retry) {
		double exponential = this.initialMillis * Math.pow(this.multiplier, retry);
		return (long) Math.min(this.maxMillis, exponential);
	}

	private static final class Retries implements BackOffContext {

		private int count;

		int next() {
			return this.count++;
		}

	}

}
