package dev.apigw.websocket.autoconfigure.emulator;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.apigw.websocket.autoconfigure.inbound.InboundEventsProperties;
import dev.apigw.websocket.emulator.RouteIntegration;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.util.StringUtils;

/**
 * Points the emulator's {@code $connect}, {@code $disconnect} and {@code $default} routes
 * at the application's inbound endpoint once the web server's port is known, with the
 * shared-secret header when one is set.
 */
public final class EmulatorRouteBinder implements ApplicationListener<WebServerInitializedEvent> {

	private static final List<String> ROUTES = List.of("$connect", "$disconnect", "$default");

	private static final Log logger = LogFactory.getLog(EmulatorRouteBinder.class);

	private final WebSocketApiEmulator emulator;

	private final ObjectProvider<InboundEventsProperties> inboundProperties;

	/**
	 * Create a binder.
	 * @param emulator the emulator whose routes to set
	 * @param inboundProperties the inbound endpoint's properties, absent when the endpoint is
	 * not configured
	 */
	public EmulatorRouteBinder(WebSocketApiEmulator emulator,
			ObjectProvider<InboundEventsProperties> inboundProperties) {
		this.emulator = emulator;
		this.inboundProperties = inboundProperties;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null) {
			return; // a separate management server, not the one that serves the endpoint
		}
		InboundEventsProperties inbound = this.inboundProperties.getIfAvailable();
		if (inbound == null || !inbound.isEnabled()) {
			logger.info("The inbound endpoint is not configured: the emulator's routes are left unbound");
			return;
		}
		String contextPath = event.getApplicationContext().getEnvironment().getProperty("server.servlet.context-path",
				"");
		URI uri = URI.create("http://127.0.0.1:" + event.getWebServer().getPort() + contextPath + inbound.getPath());
		String secret = inbound.getSecret();
		Map<String, String> headers = StringUtils.hasText(secret) ? Map.of(inbound.getSecretHeader(), secret)
				: Map.of();
		RouteIntegration integration = RouteIntegration.http(uri, headers);
		ROUTES.forEach((route) -> this.emulator.route(route, integration));
		logger.info("Emulator routes " + String.join(", ", ROUTES) + " forward to " + uri);
	}

}
