package dev.apigw.websocket.emulator;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Client messages that were read and wait for their integration. When a connection has
 * {@code maxPendingMessages} of them, or all connections together hold
 * {@code maxPendingMessageBytes}, the emulator stops reading from that connection until
 * enough are handled: the client's sends then wait in TCP buffers, as with any server
 * applying backpressure, and nothing is lost.
 */
final class PendingMessages {

	private final int perConnection;

	private final long maxBytes;

	private final RefusalLog refusals;

	private final AtomicLong bytes = new AtomicLong();

	/**
	 * Connections paused because of the emulator-wide bound, resumed when it is no longer
	 * reached.
	 */
	private final Queue<LiveConnection> waiting = new ConcurrentLinkedQueue<>();

	PendingMessages(int perConnection, long maxBytes, RefusalLog refusals) {
		this.perConnection = perConnection;
		this.maxBytes = maxBytes;
		this.refusals = refusals;
	}

	/**
	 * A message was read from the connection; called on its event loop.
	 */
	void added(LiveConnection connection, int size) {
		long total = this.bytes.addAndGet(size);
		int pending = connection.pendingAdded();
		if (pending >= this.perConnection) {
			connection.pauseReading(LiveConnection.PAUSED_BY_BACKLOG);
			this.refusals.log(RefusalLog.Kind.READING_PAUSED,
					() -> "Stopped reading from connection " + connection.id() + ": " + pending
							+ " of its messages wait for their integration (maxPendingMessages " + this.perConnection
							+ ")");
		}
		if (total >= this.maxBytes) {
			connection.pauseReading(LiveConnection.PAUSED_BY_EMULATOR);
			this.waiting.add(connection);
			this.refusals.log(RefusalLog.Kind.READING_PAUSED,
					() -> "Stopped reading from connection " + connection.id() + ": messages of " + total
							+ " bytes wait for their integrations (maxPendingMessageBytes " + this.maxBytes + ")");
			// another connection may have dropped below the bound before this one was
			// queued
			resumeWaiting();
		}
	}

	/**
	 * The integration has handled a message of the connection; called from any thread.
	 */
	void handled(LiveConnection connection, int size) {
		this.bytes.addAndGet(-size);
		connection.onEventLoop(() -> {
			if (connection.pendingHandled() < this.perConnection) {
				connection.resumeReading(LiveConnection.PAUSED_BY_BACKLOG);
			}
		});
		resumeWaiting();
	}

	private void resumeWaiting() {
		LiveConnection connection;
		while (this.bytes.get() < this.maxBytes && (connection = this.waiting.poll()) != null) {
			LiveConnection resumed = connection;
			resumed.onEventLoop(() -> resumed.resumeReading(LiveConnection.PAUSED_BY_EMULATOR));
		}
	}

	long bytes() {
		return this.bytes.get();
	}

}
