package dev.apigw.websocket;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Admits the template's operations while it runs and counts those in flight, so that a
 * stop refuses new operations at once and learns when the admitted ones have finished.
 */
final class CallGate {

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile boolean open = true;

	private volatile CompletableFuture<@Nullable Void> closed = new CompletableFuture<>();

	private volatile CompletableFuture<@Nullable Void> drained = new CompletableFuture<>();

	/**
	 * Admit an operation, which must {@link #exit()} when it has finished.
	 * @param operation what is refused, for the exception's message
	 * @throws IllegalStateException when the gate is closed
	 */
	void enter(Supplier<String> operation) {
		this.inFlight.incrementAndGet();
		if (!this.open) {
			exit();
			throw new IllegalStateException("WebSocketConnectionTemplate is stopped (the application is shutting "
					+ "down): " + operation.get() + " was not sent");
		}
	}

	void exit() {
		if (this.inFlight.decrementAndGet() == 0 && !this.open) {
			this.drained.complete(null);
		}
	}

	boolean isOpen() {
		return this.open;
	}

	int inFlight() {
		return this.inFlight.get();
	}

	/**
	 * Return a future completed when the gate closes, so that waits for a later start can
	 * end early.
	 */
	CompletableFuture<@Nullable Void> closed() {
		return this.closed;
	}

	synchronized void open() {
		if (!this.open) {
			this.closed = new CompletableFuture<>();
			this.drained = new CompletableFuture<>();
			this.open = true;
		}
	}

	/**
	 * Refuse new operations.
	 * @return a future completed when no admitted operation is in flight
	 */
	synchronized CompletableFuture<@Nullable Void> close() {
		CompletableFuture<@Nullable Void> drained = this.drained;
		if (this.open) {
			this.open = false;
			this.closed.complete(null);
		}
		if (this.inFlight.get() == 0) {
			drained.complete(null);
		}
		return drained;
	}

}
