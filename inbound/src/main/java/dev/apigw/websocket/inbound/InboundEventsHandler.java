package dev.apigw.websocket.inbound;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.util.unit.DataSize;
import org.springframework.web.servlet.function.HandlerFunction;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Spring MVC handler for the requests of API Gateway's HTTP integrations: checks the
 * shared secret, the size of the body and the connection id, event type and route key
 * headers that the integration maps, and publishes the matching inbound event.
 * <p>
 * Answers 200 when the event was handled, 403 when the shared secret does not match, 413
 * when the body is larger than the maximum (announced by {@code Content-Length}, or found
 * while reading at most one byte more), 400 when a mapped header is missing, unknown or
 * sent more than once and, on {@code $connect}, the status of a
 * {@link dev.apigw.websocket.event.WebSocketConnectRejectedException} thrown by a
 * listener.
 *
 * @since 0.1.0
 */
public final class InboundEventsHandler implements HandlerFunction<ServerResponse> {

	private final InboundEventDispatcher dispatcher;

	/**
	 * Create a handler.
	 * @param publisher publishes the events
	 * @param secret the secret every request must carry, or {@code null} to accept any
	 * request
	 * @param maxBodySize the maximum size of a request body, less than 2GB
	 */
	public InboundEventsHandler(InboundEventPublisher publisher, @Nullable SharedSecret secret, DataSize maxBodySize) {
		this.dispatcher = new InboundEventDispatcher(publisher, secret, maxBodySize.toBytes());
	}

	@Override
	public ServerResponse handle(ServerRequest request) throws Exception {
		InboundRequest inbound = new InboundRequest(request.headers().asHttpHeaders(), request.uri());
		InboundResponse response = this.dispatcher.refuse(inbound);
		if (response == null) {
			int maxBodySize = this.dispatcher.maxBodySize();
			// one byte more than allowed tells a body that is too large, whatever its
			// framing
			byte[] body = request.servletRequest().getInputStream().readNBytes(maxBodySize + 1);
			response = (body.length > maxBodySize) ? this.dispatcher.bodyTooLarge()
					: this.dispatcher.dispatch(inbound, body);
		}
		if (response.body().isEmpty()) {
			return ServerResponse.status(response.status()).build();
		}
		return ServerResponse.status(response.status()).contentType(MediaType.TEXT_PLAIN).body(response.body());
	}

}
