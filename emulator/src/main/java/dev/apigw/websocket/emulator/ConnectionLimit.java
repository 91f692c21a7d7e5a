package dev.apigw.websocket.emulator;

import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;

/**
 * Counts the open TCP connections of one emulator and decides, as each is accepted,
 * whether it is served, answered {@code 503} (a few at a time, so the answers stay cheap)
 * or closed at once.
 */
final class ConnectionLimit {

	/**
	 * Connections over the limit that may wait for their 503 at once; beyond, they are
	 * closed.
	 */
	static final int REFUSING_AT_ONCE = 64;

	private final int max;

	private final AtomicInteger open = new AtomicInteger();

	ConnectionLimit(int max) {
		this.max = max;
	}

	/**
	 * Count a new connection until it closes.
	 */
	Admission admit(Channel channel) {
		int count = this.open.incrementAndGet();
		channel.closeFuture().addListener((future) -> this.open.decrementAndGet());
		if (count <= this.max) {
			return Admission.SERVE;
		}
		return (count <= this.max + REFUSING_AT_ONCE) ? Admission.REFUSE : Admission.DROP;
	}

	int open() {
		return this.open.get();
	}

	int max() {
		return this.max;
	}

	enum Admission {

		/** Under the limit. */
		SERVE,
		/** Over the limit: answer the first request with 503 and close. */
		REFUSE,
		/** Far over the limit: close without reading. */
		DROP

	}

}
