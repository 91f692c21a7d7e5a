package dev.apigw.websocket.autoconfigure.inbound;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Spring MVC handler for the requests of API Gateway's HTTP integrations: checks the shared
 * secret, reads the connection id, event type and route key from the headers that the
 * integration maps, and publishes the matching inbound event.
 * <p>
 * Answers 200 when the event was handled, 403 when the shared secret does not match, 400
 * when a mapped header is missing and, on {@code $connect}, the status of a
 * {@link dev.apigw.websocket.event.WebSocketConnectRejectedException} thrown by a listener.
 */
public final class InboundEventsHandler implements HandlerFunction<ServerResponse> {

	private final InboundEventDispatcher dispatcher;

	/**
	 * Create a handler.
	 * @param publisher publishes the events
	 * @param secret the secret every request must carry, or {@code null} to accept any request
	 */
	public InboundEventsHandler(InboundEventPublisher publisher, @Nullable SharedSecret secret) {
		this.dispatcher = new InboundEventDispatcher(publisher, secret);
	}

	@Override
	public ServerResponse handle(ServerRequest request) throws Exception {
		InboundResponse response = this.dispatcher.dispatch(
				new InboundRequest(request.headers().asHttpHeaders(), request.uri()),
				() -> request.body(byte[].class));
		if (response.body().isEmpty()) {
			return ServerResponse.status(response.status()).build();
		}
		return ServerResponse.status(response.status()).contentType(MediaType.TEXT_PLAIN).body(response.body());
	}

}
