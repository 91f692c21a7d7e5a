package dev.apigw.websocket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Posts one payload to many connections over the async client, with at most
 * {@link BroadcastOptions#maxConcurrency()} calls in flight and, when configured, paced
 * by a {@link SendRateLimiter} shared by all broadcasts of a template. Each id gets its
 * own retries; a failed id never fails the broadcast. Once the template stops, no further
 * id is started: those are reported not attempted.
 */
final class Broadcaster {

	private final ManagementCalls calls;

	private final ManagementErrorTranslator translator;

	private final CallGate gate;

	private final int maxConcurrency;

	private final @Nullable SendRateLimiter rateLimiter;

	Broadcaster(ManagementCalls calls, ManagementErrorTranslator translator, CallGate gate, int maxConcurrency,
			@Nullable SendRateLimiter rateLimiter) {
		this.calls = calls;
		this.translator = translator;
		this.gate = gate;
		this.maxConcurrency = maxConcurrency;
		this.rateLimiter = rateLimiter;
	}

	CompletableFuture<BroadcastResult> broadcast(List<String> connectionIds, SdkBytes data) {
		return new Run(connectionIds, data).start();
	}

	// a wait for the rate limit ends early when the template stops: the id is then not
	// attempted
	private CompletableFuture<@Nullable Void> turn() {
		if (this.rateLimiter == null) {
			return CompletableFuture.completedFuture(null);
		}
		return this.rateLimiter.acquire().applyToEither(this.gate.closed(), (ready) -> null);
	}

	/**
	 * One broadcast: a window of calls that starts the next id whenever one completes.
	 */
	private final class Run {

		private final List<String> connectionIds;

		private final SdkBytes data;

		// index-aligned with connectionIds: DELIVERED, NOT_ATTEMPTED or the failure
		private final @Nullable Object[] outcomes;

		private final AtomicInteger next = new AtomicInteger();

		private final AtomicInteger requested = new AtomicInteger();

		private final AtomicInteger pending;

		private final CompletableFuture<BroadcastResult> result = new CompletableFuture<>();

		Run(List<String> connectionIds, SdkBytes data) {
			this.connectionIds = connectionIds;
			this.data = data;
			this.outcomes = new Object[connectionIds.size()];
			this.pending = new AtomicInteger(connectionIds.size());
		}

		CompletableFuture<BroadcastResult> start() {
			if (this.connectionIds.isEmpty()) {
				this.result.complete(collect());
			}
			int window = Math.min(Broadcaster.this.maxConcurrency, this.connectionIds.size());
			for (int i = 0; i < window; i++) {
				sendNext();
			}
			return this.result;
		}

		// A drain loop rather than recursion: a call that completes inline (failing at
		// once, or not attempted) asks for the next one while this loop is still running.
		private void sendNext() {
			if (this.requested.getAndIncrement() != 0) {
				return;
			}
			do {
				sendOne();
			}
			while (this.requested.decrementAndGet() != 0);
		}

		private void sendOne() {
			int index = this.next.getAndIncrement();
			if (index >= this.connectionIds.size()) {
				return;
			}
			String connectionId = this.connectionIds.get(index);
			turn().thenCompose((ready) -> post(index, connectionId)).whenComplete((delivered, failure) -> {
				if (failure != null) {
					this.outcomes[index] = Broadcaster.this.translator.translate(failure, connectionId,
							ManagementOperation.POST);
				}
				if (this.pending.decrementAndGet() == 0) {
					this.result.complete(collect());
				}
				else {
					sendNext();
				}
			});
		}

		private CompletableFuture<@Nullable Void> post(int index, String connectionId) {
			if (!Broadcaster.this.gate.isOpen()) {
				this.outcomes[index] = Outcome.NOT_ATTEMPTED;
				return CompletableFuture.completedFuture(null);
			}
			return Broadcaster.this.calls.post(connectionId, this.data)
				.thenRun(() -> this.outcomes[index] = Outcome.DELIVERED);
		}

		private BroadcastResult collect() {
			List<String> delivered = new ArrayList<>();
			List<String> gone = new ArrayList<>();
			Map<String, WebSocketManagementException> failed = new LinkedHashMap<>();
			List<String> notAttempted = new ArrayList<>();
			for (int i = 0; i < this.outcomes.length; i++) {
				String connectionId = this.connectionIds.get(i);
				Object outcome = this.outcomes[i];
				if (outcome == Outcome.DELIVERED) {
					delivered.add(connectionId);
				}
				else if (outcome == Outcome.NOT_ATTEMPTED) {
					notAttempted.add(connectionId);
				}
				else if (outcome instanceof ConnectionGoneException) {
					gone.add(connectionId);
				}
				else {
					failed.put(connectionId, (WebSocketManagementException) outcome);
				}
			}
			return new BroadcastResult(delivered, gone, failed, notAttempted);
		}

	}

	private enum Outcome {

		DELIVERED, NOT_ATTEMPTED

	}

}
