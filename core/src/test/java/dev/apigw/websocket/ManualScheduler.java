package dev.apigw.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A nanosecond clock that moves only when a test advances it, and the delays scheduled on
 * it, completed when the clock reaches them.
 */
final class ManualScheduler {

	private long now;

	private final List<Delay> delays = new ArrayList<>();

	synchronized long nanoTime() {
		return this.now;
	}

	synchronized CompletableFuture<Void> delay(long nanos) {
		Delay delay = new Delay(this.now + nanos, new CompletableFuture<>());
		this.delays.add(delay);
		return delay.future();
	}

	/**
	 * Move the clock and complete the delays due by then, outside the lock.
	 */
	void advance(Duration duration) {
		List<Delay> due = new ArrayList<>();
		synchronized (this) {
			this.now += duration.toNanos();
			this.delays.removeIf((delay) -> delay.dueAt() <= this.now && due.add(delay));
		}
		due.forEach((delay) -> delay.future().complete(null));
	}

	synchronized int pending() {
		return this.delays.size();
	}

	private record Delay(long dueAt, CompletableFuture<Void> future) {
	}

}
