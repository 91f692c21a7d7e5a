package dev.apigw.websocket;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionRequest;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.PostToConnectionResponse;

import dev.apigw.websocket.ManagementCallRetry.RetryDelay;

/**
 * Posts one payload to many connections over the async client. A {@link BroadcastWindow}
 * bounds the calls in flight and a {@link SendRateLimiter}, shared by all broadcasts of a
 * template, paces them, first attempts and retries alike; both are told of every answer
 * (429 or not). Each id gets its own retries; an id whose call still ends throttled is
 * queued again, after a jittered pause, until the broadcast's maximum duration: a 429
 * never delivered anything, so nothing is lost to throttling and nothing is duplicated. A
 * failed id never fails the broadcast. Once the template stops or the maximum duration
 * has passed, no further call starts: ids not yet posted to are reported not attempted,
 * throttled ones failed.
 */
final class Broadcaster {

	private static final Log logger = LogFactory.getLog(Broadcaster.class);

	// ceiling of the full-jitter pause before a throttled id is queued again
	private static final long REQUEUE_PAUSE_MILLIS = 1_000;

	private final ManagementCalls calls;

	private final ManagementClientAdapter client;

	private final ManagementErrorTranslator translator;

	private final CallGate gate;

	private final BroadcastOptions options;

	private final @Nullable SendRateLimiter rateLimiter;

	/**
	 * Create a broadcaster.
	 * @param calls the pipeline of non-blocking calls
	 * @param client the async adapter those calls reach, which each broadcast wraps to
	 * learn of every answer and to pace retries
	 * @param translator the error translator
	 * @param gate the template's gate
	 * @param options the broadcast options
	 * @param rateLimiter the limiter of all broadcasts, or {@code null} for none
	 */
	Broadcaster(ManagementCalls calls, ManagementClientAdapter client, ManagementErrorTranslator translator,
			CallGate gate, BroadcastOptions options, @Nullable SendRateLimiter rateLimiter) {
		this.calls = calls;
		this.client = client;
		this.translator = translator;
		this.gate = gate;
		this.options = options;
		this.rateLimiter = rateLimiter;
	}

	CompletableFuture<BroadcastResult> broadcast(List<String> connectionIds, SdkBytes data) {
		return new Run(connectionIds, data).start();
	}

	private static int statusCode(Throwable failure) {
		return (ManagementErrorTranslator.unwrap(failure) instanceof SdkServiceException service) ? service.statusCode()
				: 0;
	}

	/**
	 * One broadcast: a window of calls that starts the next id whenever one completes or
	 * the window grows.
	 */
	private final class Run {

		private final List<String> connectionIds;

		private final SdkBytes data;

		// index-aligned with connectionIds: DELIVERED, NOT_ATTEMPTED or the failure (of a
		// throttled id: the last one, kept while it waits to be posted again)
		private final @Nullable Object[] outcomes;

		private final AtomicInteger next = new AtomicInteger();

		private final Queue<Integer> requeued = new ConcurrentLinkedQueue<>();

		private final AtomicInteger inFlight = new AtomicInteger();

		private final AtomicInteger requested = new AtomicInteger();

		private final AtomicInteger pending;

		private final BroadcastWindow window;

		// completed when the template stops, the maximum duration has passed or the
		// broadcast is over: every wait ends, no further call starts
		private final CompletableFuture<@Nullable Void> ended = new CompletableFuture<>();

		private final Runnable leaveGate;

		private final ManagementCalls runCalls;

		private final CompletableFuture<BroadcastResult> result = new CompletableFuture<>();

		Run(List<String> connectionIds, SdkBytes data) {
			this.connectionIds = connectionIds;
			this.data = data;
			this.outcomes = new Object[connectionIds.size()];
			this.pending = new AtomicInteger(connectionIds.size());
			this.window = new BroadcastWindow(Broadcaster.this.options.maxConcurrency(),
					Broadcaster.this.options.adaptive());
			this.leaveGate = Broadcaster.this.gate.whenClosed(this.ended);
			ManagementClientAdapter client = Broadcaster.this.client;
			this.runCalls = Broadcaster.this.calls.through(
					new ManagementClientAdapter(this::postAndLearn, client.get(), client.delete(), this::beforeRetry));
		}

		CompletableFuture<BroadcastResult> start() {
			if (this.connectionIds.isEmpty()) {
				this.leaveGate.run();
				this.result.complete(collect());
				return this.result;
			}
			// the JDK's delayer drops the timeout once the broadcast completes the future
			this.ended.completeOnTimeout(null, Broadcaster.this.options.maxDuration().toNanos(), TimeUnit.NANOSECONDS);
			pump();
			return this.result;
		}

		// A drain loop rather than recursion: a call that completes inline (failing at
		// once, or not attempted) asks for more while this loop is still running.
		private void pump() {
			int missed = this.requested.incrementAndGet();
			if (missed != 1) {
				return;
			}
			do {
				while (this.inFlight.get() < this.window.limit()) {
					int index = take();
					if (index < 0) {
						break;
					}
					this.inFlight.incrementAndGet();
					send(index);
				}
				missed = this.requested.addAndGet(-missed);
			}
			while (missed != 0);
		}

		// ids queued again after a 429 come first: they have waited longest
		private int take() {
			Integer again = this.requeued.poll();
			if (again != null) {
				return again;
			}
			if (this.next.get() >= this.connectionIds.size()) {
				return -1;
			}
			int index = this.next.getAndIncrement();
			return (index < this.connectionIds.size()) ? index : -1;
		}

		private void send(int index) {
			String connectionId = this.connectionIds.get(index);
			CompletableFuture<@Nullable Void> turn = turn();
			// a permit granted at once (the usual case) costs no further stage
			CompletableFuture<Boolean> posted = (turn.isDone() && !turn.isCompletedExceptionally()) ? post(connectionId)
					: turn.thenCompose((ready) -> post(connectionId));
			posted.whenComplete((sent, failure) -> {
				this.inFlight.decrementAndGet();
				if (failure != null) {
					failed(index, connectionId, failure);
					return;
				}
				if (sent) {
					this.outcomes[index] = Outcome.DELIVERED;
				}
				else {
					// a throttled id keeps its failure: it was posted to, but not
					// delivered
					Object lastFailure = this.outcomes[index];
					this.outcomes[index] = (lastFailure != null) ? stillThrottled(lastFailure, connectionId)
							: Outcome.NOT_ATTEMPTED;
				}
				done();
			});
		}

		// a wait for the rate limit ends early when the template stops or the broadcast
		// expires: the id is then not posted to
		private CompletableFuture<@Nullable Void> turn() {
			SendRateLimiter limiter = Broadcaster.this.rateLimiter;
			if (limiter == null) {
				return CompletableFuture.completedFuture(null);
			}
			CompletableFuture<@Nullable Void> permit = limiter.acquire();
			return permit.isDone() ? permit : permit.applyToEither(this.ended, (ready) -> null);
		}

		// true when delivered, false when not posted to (stopped or expired)
		private CompletableFuture<Boolean> post(String connectionId) {
			if (this.ended.isDone()) {
				return CompletableFuture.completedFuture(false);
			}
			return this.runCalls.post(connectionId, this.data).thenApply((delivered) -> true);
		}

		private void failed(int index, String connectionId, Throwable failure) {
			WebSocketManagementException translated = Broadcaster.this.translator.translate(failure, connectionId,
					ManagementOperation.POST);
			this.outcomes[index] = translated;
			if (!(translated instanceof ManagementThrottledException) || this.ended.isDone()) {
				if (translated instanceof ManagementThrottledException) {
					this.outcomes[index] = stillThrottled(translated, connectionId);
				}
				done();
				return;
			}
			// not delivered: post again after a pause, which ends early when the
			// broadcast ends (the id is then taken and reported still throttled)
			long pause = ThreadLocalRandom.current().nextLong(REQUEUE_PAUSE_MILLIS + 1);
			RetryDelay.scheduled(pause).applyToEither(this.ended, (none) -> null).whenComplete((none, ignored) -> {
				this.requeued.add(index);
				pump();
			});
			pump();
		}

		private Object stillThrottled(Object lastFailure, String connectionId) {
			if (!(lastFailure instanceof ManagementThrottledException throttled)) {
				return lastFailure;
			}
			String why = Broadcaster.this.gate.isOpen() ? "the broadcast's maximum duration of "
					+ Broadcaster.this.options.maxDuration() + " (apigw.websocket.broadcast.max-duration) ran out"
					: "the template stopped";
			return new ManagementThrottledException("PostToConnection for connection '" + connectionId
					+ "' was still throttled (HTTP 429) when " + why + "; the message was not delivered", connectionId,
					ManagementOperation.POST, throttled);
		}

		private void done() {
			if (this.pending.decrementAndGet() == 0) {
				this.leaveGate.run();
				this.ended.complete(null);
				BroadcastResult collected = collect();
				logIfCutShort(collected);
				this.result.complete(collected);
			}
			else {
				pump();
			}
		}

		private void logIfCutShort(BroadcastResult collected) {
			long throttled = collected.failed()
				.values()
				.stream()
				.filter(ManagementThrottledException.class::isInstance)
				.count();
			if (Broadcaster.this.gate.isOpen() && (throttled > 0 || !collected.notAttempted().isEmpty())) {
				Duration maxDuration = Broadcaster.this.options.maxDuration();
				logger.warn("Broadcast to " + collected.total() + " connection(s) ran out of its maximum duration of "
						+ maxDuration + " (apigw.websocket.broadcast.max-duration): " + throttled
						+ " still throttled (failed), " + collected.notAttempted().size() + " not attempted");
			}
		}

		/**
		 * The async client's post, telling the window and the limiter what API Gateway
		 * answered.
		 */
		private CompletableFuture<PostToConnectionResponse> postAndLearn(PostToConnectionRequest request) {
			long epoch = this.window.epoch();
			long startedAt = System.nanoTime();
			CompletableFuture<PostToConnectionResponse> call = Broadcaster.this.client.post().apply(request);
			call.whenComplete((response, failure) -> answered(epoch, startedAt, failure));
			return call;
		}

		private void answered(long epoch, long startedAt, @Nullable Throwable failure) {
			int status = (failure != null) ? statusCode(failure) : 200;
			SendRateLimiter limiter = Broadcaster.this.rateLimiter;
			if (status == 429) {
				this.window.throttled(epoch);
				if (limiter != null) {
					limiter.throttled();
				}
			}
			else if (status != 0) {
				this.window.accepted(System.nanoTime() - startedAt, epoch);
				if (limiter != null) {
					limiter.accepted();
				}
			}
		}

		/**
		 * A retry of a broadcast call waits for its backoff, then for the rate limit; the
		 * wait fails (ending the call with its last failure) when the template stops or
		 * the broadcast expires.
		 */
		private CompletableFuture<@Nullable Void> beforeRetry(long millis) {
			CompletableFuture<@Nullable Void> backoff = RetryDelay.scheduled(millis);
			SendRateLimiter limiter = Broadcaster.this.rateLimiter;
			CompletableFuture<@Nullable Void> ready = (limiter != null)
					? backoff.thenCompose((none) -> limiter.acquire()) : backoff;
			CompletableFuture<@Nullable Void> interrupted = this.ended
				.thenCompose((none) -> CompletableFuture.failedFuture(new IllegalStateException("broadcast ended")));
			return ready.applyToEither(interrupted, (none) -> null);
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
