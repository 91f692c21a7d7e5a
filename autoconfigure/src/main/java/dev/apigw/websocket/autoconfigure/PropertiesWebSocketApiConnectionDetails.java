package dev.apigw.websocket.autoconfigure;

import java.net.URI;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.regions.Region;

import dev.apigw.websocket.autoconfigure.WebSocketEndpointResolver.ResolvedEndpoint;

/**
 * {@link WebSocketApiConnectionDetails} from {@link WebSocketProperties}, validated when
 * created so that a wrong configuration fails at startup.
 */
final class PropertiesWebSocketApiConnectionDetails implements WebSocketApiConnectionDetails {

	private final ResolvedEndpoint endpoint;

	PropertiesWebSocketApiConnectionDetails(WebSocketProperties properties, Supplier<Region> regionChain) {
		this.endpoint = WebSocketEndpointResolver.resolve(properties, regionChain);
	}

	@Override
	public URI getEndpoint() {
		return this.endpoint.uri();
	}

	@Override
	public @Nullable Region getRegion() {
		return this.endpoint.region();
	}

}
