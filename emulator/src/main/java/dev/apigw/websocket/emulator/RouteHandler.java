package dev.apigw.websocket.emulator;

/**
 * In-process route integration: called instead of an HTTP endpoint, on a worker thread
 * (never on a Netty event loop), so it may block, within the emulator's integration
 * timeout: beyond it the thread is interrupted and the call answered as a failed
 * integration.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RouteHandler {

	/**
	 * Handle one route request.
	 * @param request what the client sent and where it came from
	 * @return the integration response; a non-2xx status on {@code $connect} rejects the
	 * connection
	 * @throws Exception any failure, treated like an HTTP 500 from an integration
	 */
	RouteResponse handle(RouteRequest request) throws Exception;

}
