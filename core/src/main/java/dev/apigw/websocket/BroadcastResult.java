package dev.apigw.websocket;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-connection result of a broadcast. Every distinct connection id of the broadcast is
 * in exactly one of {@link #delivered()}, {@link #gone()} and {@link #failed()}, in the
 * order of the request.
 *
 * @param delivered ids the message was delivered to
 * @param gone ids that were gone (410)
 * @param failed ids that failed otherwise, with the failure of each
 * @author apigw-websocket
 */
public record BroadcastResult(List<String> delivered, List<String> gone,
		Map<String, WebSocketManagementException> failed) {

	/**
	 * Create an immutable result.
	 * @param delivered ids the message was delivered to
	 * @param gone ids that were gone
	 * @param failed ids that failed otherwise
	 */
	public BroadcastResult {
		delivered = List.copyOf(delivered);
		gone = List.copyOf(gone);
		failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
	}

	/**
	 * Return the number of connections of the broadcast.
	 * @return the number of delivered, gone and failed ids
	 */
	public int total() {
		return this.delivered.size() + this.gone.size() + this.failed.size();
	}

	/**
	 * Return whether the message reached every connection.
	 * @return {@code true} when no id was gone or failed
	 */
	public boolean allDelivered() {
		return this.gone.isEmpty() && this.failed.isEmpty();
	}

}
