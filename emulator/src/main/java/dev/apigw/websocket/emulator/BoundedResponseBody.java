package dev.apigw.websocket.emulator;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongFunction;

import org.jspecify.annotations.Nullable;

/**
 * A response body read up to a limit: a larger one, declared by its
 * {@code Content-Length} or streamed, is not buffered beyond the limit, its stream is
 * cancelled and the body fails with the caller's exception (which names the caller's
 * setting).
 */
final class BoundedResponseBody implements HttpResponse.BodySubscriber<byte[]> {

	private final CompletableFuture<byte[]> body = new CompletableFuture<>();

	private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

	private final long declared;

	private final int max;

	private final LongFunction<? extends RuntimeException> tooLarge;

	private Flow.@Nullable Subscription subscription;

	private BoundedResponseBody(long declared, int max, LongFunction<? extends RuntimeException> tooLarge) {
		this.declared = declared;
		this.max = max;
		this.tooLarge = tooLarge;
	}

	/**
	 * Bodies of at most {@code max} bytes.
	 * @param max largest body read
	 * @param tooLarge the failure of a larger body, given its declared length, or -1 when
	 * it was streamed past the limit
	 * @return the body handler
	 */
	static HttpResponse.BodyHandler<byte[]> upTo(int max, LongFunction<? extends RuntimeException> tooLarge) {
		return (info) -> new BoundedResponseBody(info.headers().firstValueAsLong("content-length").orElse(-1), max,
				tooLarge);
	}

	@Override
	public CompletionStage<byte[]> getBody() {
		return this.body;
	}

	@Override
	public void onSubscribe(Flow.Subscription subscription) {
		this.subscription = subscription;
		if (this.declared > this.max) {
			subscription.cancel();
			this.body.completeExceptionally(this.tooLarge.apply(this.declared));
			return;
		}
		subscription.request(Long.MAX_VALUE);
	}

	@Override
	public void onNext(List<ByteBuffer> item) {
		if (this.body.isDone()) {
			return;
		}
		for (ByteBuffer buffer : item) {
			if (this.buffer.size() + buffer.remaining() > this.max) {
				Objects.requireNonNull(this.subscription).cancel();
				this.body.completeExceptionally(this.tooLarge.apply(-1));
				return;
			}
			byte[] bytes = new byte[buffer.remaining()];
			buffer.get(bytes);
			this.buffer.writeBytes(bytes);
		}
	}

	@Override
	public void onError(Throwable throwable) {
		this.body.completeExceptionally(throwable);
	}

	@Override
	public void onComplete() {
		this.body.complete(this.buffer.toByteArray());
	}

}
