package dev.apigw.websocket.autoconfigure.inbound;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * WebFlux handler for the requests of API Gateway's HTTP integrations, with the same
 * behaviour as {@link InboundEventsHandler}. Event listeners run on
 * {@link Schedulers#boundedElastic()}, never on an event loop, because they may block (a
 * connect listener that authenticates, a message listener that sends with the template).
 */
public final class ReactiveInboundEventsHandler implements HandlerFunction<ServerResponse> {

	private final InboundEventDispatcher dispatcher;

	/**
	 * Create a handler.
	 * @param publisher publishes the events
	 * @param secret the secret every request must carry, or {@code null} to accept any request
	 */
	public ReactiveInboundEventsHandler(InboundEventPublisher publisher, @Nullable SharedSecret secret) {
		this.dispatcher = new InboundEventDispatcher(publisher, secret);
	}

	@Override
	public Mono<ServerResponse> handle(ServerRequest request) {
		InboundRequest inbound = new InboundRequest(request.headers().asHttpHeaders(), request.uri());
		// refuse a forged request before reading its body
		if (!this.dispatcher.isAuthorized(inbound)) {
			return ServerResponse.status(HttpStatus.FORBIDDEN).build();
		}
		return request.bodyToMono(byte[].class)
			.defaultIfEmpty(new byte[0])
			.flatMap((body) -> Mono.fromCallable(() -> this.dispatcher.dispatchAuthorized(inbound, () -> body))
				.subscribeOn(Schedulers.boundedElastic()))
			.flatMap(ReactiveInboundEventsHandler::toServerResponse);
	}

	private static Mono<ServerResponse> toServerResponse(InboundResponse response) {
		if (response.body().isEmpty()) {
			return ServerResponse.status(response.status()).build();
		}
		return ServerResponse.status(response.status()).contentType(MediaType.TEXT_PLAIN).bodyValue(response.body());
	}

}
