package dev.apigw.websocket.emulator;

/**
 * Token bucket for the management API rate limit: refills {@code ratePerSecond} tokens a
 * second up to {@code burst}, starting full.
 */
final class TokenBucket {

	private final double tokensPerNano;

	private final double capacity;

	private double tokens;

	private long lastRefill;

	TokenBucket(double ratePerSecond, int burst) {
		this.tokensPerNano = ratePerSecond / 1_000_000_000d;
		this.capacity = burst;
		this.tokens = burst;
		this.lastRefill = System.nanoTime();
	}

	synchronized boolean tryAcquire() {
		long now = System.nanoTime();
		this.tokens = Math.min(this.capacity, this.tokens + (now - this.lastRefill) * this.tokensPerNano);
		this.lastRefill = now;
		if (this.tokens < 1) {
			return false;
		}
		this.tokens--;
		return true;
	}

}
