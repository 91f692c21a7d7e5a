package dev.apigw.websocket.inbound;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * WebFlux handler for the requests of API Gateway's HTTP integrations, with the same
 * behaviour as {@link InboundEventsHandler}. Event listeners run on
 * {@link Schedulers#boundedElastic()}, never on an event loop, because they may block (a
 * connect listener that authenticates, a message listener that sends with the template).
 *
 * @since 0.1.0
 */
public final class ReactiveInboundEventsHandler implements HandlerFunction<ServerResponse> {

	private static final byte[] EMPTY = new byte[0];

	private final InboundEventDispatcher dispatcher;

	/**
	 * Create a handler.
	 * @param publisher publishes the events
	 * @param secret the secret every request must carry, or {@code null} to accept any
	 * request
	 * @param maxBodySize the maximum size of a request body, less than 2GB
	 */
	public ReactiveInboundEventsHandler(InboundEventPublisher publisher, @Nullable SharedSecret secret,
			DataSize maxBodySize) {
		this.dispatcher = new InboundEventDispatcher(publisher, secret, maxBodySize.toBytes());
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		InboundRequest inbound = new InboundRequest(request.headers().asHttpHeaders(), request.uri());
		InboundResponse refusal = this.dispatcher.refuse(inbound);
		if (refusal != null) {
			return toServerResponse(refusal);
		}
		// join fails as soon as the buffers it holds exceed the maximum, whatever the
		// framing
		return DataBufferUtils.join(request.body(BodyExtractors.toDataBuffers()), this.dispatcher.maxBodySize())
			.map(ReactiveInboundEventsHandler::toBytes)
			.defaultIfEmpty(EMPTY)
			.flatMap((body) -> Mono.fromCallable(() -> this.dispatcher.dispatch(inbound, body))
				.subscribeOn(Schedulers.boundedElastic()))
			.onErrorResume(DataBufferLimitException.class, (ex) -> Mono.just(this.dispatcher.bodyTooLarge()))
			.flatMap(ReactiveInboundEventsHandler::toServerResponse);
	}

	private static byte[] toBytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static Mono<ServerResponse> toServerResponse(InboundResponse response) {
		if (response.body().isEmpty()) {
			return ServerResponse.status(response.status()).build();
		}
		return ServerResponse.status(response.status()).contentType(MediaType.TEXT_PLAIN).bodyValue(response.body());
	}

}
