package dev.apigw.websocket;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.core.SdkBytes;

/**
 * Posts one payload to many connections over the async client, with at most
 * {@link BroadcastOptions#maxConcurrency()} calls in flight and, when configured, paced
 * by a {@link MessageRateLimiter} shared by all broadcasts of a template. Each id gets
 * its own retries; a failed id never fails the broadcast.
 */
final class Broadcaster {

	private static final Log logger = LogFactory.getLog(Broadcaster.class);

	private final ManagementCalls calls;

	private final ManagementErrorTranslator translator;

	private final int maxConcurrency;

	private final @Nullable MessageRateLimiter rateLimiter;

	private final Consumer<ConnectionGoneException> goneHandler;

	Broadcaster(ManagementCalls calls, ManagementErrorTranslator translator, BroadcastOptions options,
			Consumer<ConnectionGoneException> goneHandler) {
		this.calls = calls;
		this.translator = translator;
		this.maxConcurrency = options.maxConcurrency();
		this.rateLimiter = options.rateLimited() ? new MessageRateLimiter(options.messagesPerSecond()) : null;
		this.goneHandler = goneHandler;
	}

	CompletableFuture<BroadcastResult> broadcast(List<String> connectionIds, SdkBytes data) {
		return new Run(connectionIds, data).start();
	}

	private CompletableFuture<@Nullable Void> rateLimit() {
		long delay = (this.rateLimiter != null) ? this.rateLimiter.reserve() : 0;
		if (delay == 0) {
			return CompletableFuture.completedFuture(null);
		}
		// completes on the JDK's delay thread; the call it releases starts without blocking
		return CompletableFuture.runAsync(() -> {
		}, CompletableFuture.delayedExecutor(delay, TimeUnit.NANOSECONDS, Runnable::run));
	}

	/**
	 * One broadcast: a window of calls that starts the next id whenever one completes.
	 */
	private final class Run {

		private final List<String> connectionIds;

		private final SdkBytes data;

		// index-aligned with connectionIds; null means delivered
		private final @Nullable WebSocketManagementException[] failures;

		private final AtomicInteger next = new AtomicInteger();

		private final AtomicInteger requested = new AtomicInteger();

		private final AtomicInteger pending;

		private final CompletableFuture<BroadcastResult> result = new CompletableFuture<>();

		Run(List<String> connectionIds, SdkBytes data) {
			this.connectionIds = connectionIds;
			this.data = data;
			this.failures = new WebSocketManagementException[connectionIds.size()];
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
		// once) asks for the next one while this loop is still running.
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
			rateLimit().thenCompose((ready) -> Broadcaster.this.calls.postAsync(connectionId, this.data))
				.whenComplete((delivered, failure) -> {
					if (failure != null) {
						failed(index, connectionId, failure);
					}
					if (this.pending.decrementAndGet() == 0) {
						this.result.complete(collect());
					}
					else {
						sendNext();
					}
				});
		}

		private void failed(int index, String connectionId, Throwable failure) {
			WebSocketManagementException ex = Broadcaster.this.translator.translate(failure, connectionId,
					ManagementOperation.POST);
			this.failures[index] = ex;
			if (ex instanceof ConnectionGoneException gone) {
				try {
					Broadcaster.this.goneHandler.accept(gone);
				}
				catch (RuntimeException listenerFailure) {
					// a failing listener must not stall the broadcast, whose count would never reach zero
					logger.warn("Handling gone connection '" + connectionId + "' failed", listenerFailure);
				}
			}
		}

		private BroadcastResult collect() {
			List<String> delivered = new ArrayList<>();
			List<String> gone = new ArrayList<>();
			Map<String, WebSocketManagementException> failed = new LinkedHashMap<>();
			for (int i = 0; i < this.failures.length; i++) {
				String connectionId = this.connectionIds.get(i);
				WebSocketManagementException failure = this.failures[i];
				if (failure == null) {
					delivered.add(connectionId);
				}
				else if (failure instanceof ConnectionGoneException) {
					gone.add(connectionId);
				}
				else {
					failed.put(connectionId, failure);
				}
			}
			return new BroadcastResult(delivered, gone, failed);
		}

	}

}
