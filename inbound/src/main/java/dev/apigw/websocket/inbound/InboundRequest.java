package dev.apigw.websocket.inbound;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * The parts of an integration request that the {@link InboundEventDispatcher} reads
 * before the body, the same for Spring MVC and WebFlux.
 *
 * @param headers the request headers
 * @param uri the request URI, with the query string API Gateway passes on
 * {@code $connect}
 */
record InboundRequest(HttpHeaders headers, URI uri) {

	@Nullable String header(String name) {
		return this.headers.getFirst(name);
	}

}
