package dev.apigw.websocket.inbound;

/**
 * The answer to an integration request, the same for Spring MVC and WebFlux.
 *
 * @param status the HTTP status
 * @param body a plain-text explanation, empty when the event was handled
 */
record InboundResponse(int status, String body) {

	static final InboundResponse OK = new InboundResponse(200, "");

	static final InboundResponse FORBIDDEN = new InboundResponse(403, "");

}
