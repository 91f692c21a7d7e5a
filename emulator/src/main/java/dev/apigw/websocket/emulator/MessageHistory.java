package dev.apigw.websocket.emulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The last messages of one direction of a connection, bounded so long-running emulators
 * do not grow without limit. Allocated on first use to keep idle connections small.
 */
final class MessageHistory {

	private final int limit;

	private @Nullable ArrayDeque<EmulatedMessage> messages;

	MessageHistory(int limit) {
		this.limit = limit;
	}

	synchronized void add(byte[] data, boolean binary) {
		if (this.limit == 0) {
			return;
		}
		if (this.messages == null) {
			this.messages = new ArrayDeque<>();
		}
		if (this.messages.size() == this.limit) {
			this.messages.removeFirst();
		}
		this.messages.addLast(new EmulatedMessage(data, binary, Instant.now()));
	}

	synchronized List<EmulatedMessage> snapshot() {
		return (this.messages != null) ? List.copyOf(this.messages) : List.of();
	}

}
