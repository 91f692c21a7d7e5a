package dev.apigw.websocket.emulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Request body bytes that all HTTP connections of one emulator may buffer at once.
 */
final class RequestBufferBudget {

	private final long capacity;

	private final AtomicLong reserved = new AtomicLong();

	RequestBufferBudget(long capacity) {
		this.capacity = capacity;
	}

	boolean tryReserve(long bytes) {
		while (true) {
			long current = this.reserved.get();
			if (current + bytes > this.capacity) {
				return false;
			}
			if (this.reserved.compareAndSet(current, current + bytes)) {
				return true;
			}
		}
	}

	void release(long bytes) {
		this.reserved.addAndGet(-bytes);
	}

	long reserved() {
		return this.reserved.get();
	}

	long capacity() {
		return this.capacity;
	}

}
