package dev.apigw.websocket.emulator;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Faults to inject into the management API and the connections, for tests. Forced errors
 * are used up one per management request, in the order they were added, before the token
 * bucket is asked.
 *
 * @since 0.1.0
 */
public final class EmulatorFaults {

	private final Deque<Integer> forcedStatuses = new ArrayDeque<>();

	private final ConnectionTable connections;

	private volatile Duration latency = Duration.ZERO;

	EmulatorFaults(ConnectionTable connections) {
		this.connections = connections;
	}

	/**
	 * Answer the next {@code count} management requests with 429
	 * {@code LimitExceededException}.
	 * @param count number of requests to throttle, at least 1
	 * @return these faults, for chaining
	 */
	public EmulatorFaults throttleNext(int count) {
		return failNext(count, 429);
	}

	/**
	 * Answer the next {@code count} management requests with the given error status, e.g.
	 * 500 or 503.
	 * @param count number of requests to fail, at least 1
	 * @param status HTTP status from 400 to 599
	 * @return these faults, for chaining
	 */
	public EmulatorFaults failNext(int count, int status) {
		if (count < 1) {
			throw new IllegalArgumentException("'count' must be at least 1 but was " + count);
		}
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("'status' must be an error status from 400 to 599 but was " + status);
		}
		synchronized (this.forcedStatuses) {
			for (int i = 0; i < count; i++) {
				this.forcedStatuses.add(status);
			}
		}
		return this;
	}

	/**
	 * Delay every management response by the given time.
	 * @param latency added latency, {@link Duration#ZERO} for none
	 * @return these faults, for chaining
	 */
	public EmulatorFaults latency(Duration latency) {
		Objects.requireNonNull(latency, "'latency' must not be null");
		if (latency.isNegative()) {
			throw new IllegalArgumentException("'latency' must not be negative but was " + latency);
		}
		this.latency = latency;
		return this;
	}

	/**
	 * Drop a connection abruptly: reset the TCP connection without a close frame, as a
	 * network failure would. {@code $disconnect} still runs, with status 1006.
	 * @param connectionId id of the connection to drop
	 * @return {@code true} if the connection was open, {@code false} if it was unknown or
	 * closed
	 */
	public boolean drop(String connectionId) {
		Objects.requireNonNull(connectionId, "'connectionId' must not be null");
		LiveConnection connection = this.connections.get(connectionId);
		return connection != null && connection.drop();
	}

	/**
	 * Remove pending forced errors and the added latency.
	 * @return these faults, for chaining
	 */
	public EmulatorFaults clear() {
		synchronized (this.forcedStatuses) {
			this.forcedStatuses.clear();
		}
		this.latency = Duration.ZERO;
		return this;
	}

	Duration currentLatency() {
		return this.latency;
	}

	@Nullable Integer pollForcedStatus() {
		synchronized (this.forcedStatuses) {
			return this.forcedStatuses.poll();
		}
	}

}
