package dev.apigw.websocket;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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

	private volatile CompletableFuture<@Nullable Void> drained = new CompletableFuture<>();

	// futures of running broadcasts, completed on close; each leaves when its broadcast
	// ends, so a long-lived gate holds nothing of broadcasts that are over
	private final Set<CompletableFuture<@Nullable Void>> closeListeners = ConcurrentHashMap.newKeySet();

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
	 * Complete a future when the gate closes, at once if it is closed.
	 * @param future the future to complete
	 * @return what removes the future from the gate, for when it is no longer needed
	 */
	Runnable whenClosed(CompletableFuture<@Nullable Void> future) {
		this.closeListeners.add(future);
		if (!this.open) {
			future.complete(null);
		}
		return () -> this.closeListeners.remove(future);
	}

	synchronized void open() {
		if (!this.open) {
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
			this.closeListeners.forEach((listener) -> listener.complete(null));
		}
		if (this.inFlight.get() == 0) {
			drained.complete(null);
		}
		return drained;
	}

}
