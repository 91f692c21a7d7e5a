package dev.apigw.websocket;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-connection result of a broadcast. Every distinct connection id of the broadcast is
 * in exactly one of {@link #delivered()}, {@link #gone()}, {@link #failed()} and
 * {@link #notAttempted()}, in the order of the request.
 *
 * @param delivered ids the message was delivered to
 * @param gone ids that were gone (410)
 * @param failed ids that failed otherwise, with the failure of each; whether a failed
 * post may have been delivered anyway is
 * {@link WebSocketManagementException#mayHaveTakenEffect()}; an id still throttled when
 * the broadcast had to end has a {@link ManagementThrottledException} saying why
 * @param notAttempted ids nothing was sent to, because the template stopped (the
 * application shut down) or the broadcast's maximum duration ran out before their turn;
 * sending to them later cannot duplicate
 * @author apigw-websocket
 * @since 0.1.0
 */
public record BroadcastResult(List<String> delivered, List<String> gone,
		Map<String, WebSocketManagementException> failed, List<String> notAttempted) {

	/**
	 * Create an immutable result.
	 * @param delivered ids the message was delivered to
	 * @param gone ids that were gone
	 * @param failed ids that failed otherwise
	 * @param notAttempted ids nothing was sent to
	 */
	public BroadcastResult {
		delivered = List.copyOf(delivered);
		gone = List.copyOf(gone);
		failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
		notAttempted = List.copyOf(notAttempted);
	}

	/**
	 * Return the number of connections of the broadcast.
	 * @return the number of delivered, gone, failed and not attempted ids
	 */
	public int total() {
		return this.delivered.size() + this.gone.size() + this.failed.size() + this.notAttempted.size();
	}

	/**
	 * Return whether the message reached every connection.
	 * @return {@code true} when every id was delivered
	 */
	public boolean allDelivered() {
		return this.delivered.size() == total();
	}

}
