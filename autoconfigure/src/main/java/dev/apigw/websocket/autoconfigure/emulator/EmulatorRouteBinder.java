package dev.apigw.websocket.autoconfigure.emulator;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import dev.apigw.websocket.autoconfigure.inbound.InboundEventsProperties;
import dev.apigw.websocket.emulator.RouteIntegration;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Points the emulator's {@code $connect}, {@code $disconnect} and {@code $default} routes
 * at the application's inbound endpoint once the web server's port is known, with the
 * shared-secret header when one is set. The emulator calls the application on 127.0.0.1,
 * or on {@code server.address} when the server is bound to one address only.
 */
final class EmulatorRouteBinder implements ApplicationListener<WebServerInitializedEvent> {

	private static final List<String> ROUTES = List.of("$connect", "$disconnect", "$default");

	private static final Log logger = LogFactory.getLog(EmulatorRouteBinder.class);

	private final WebSocketApiEmulator emulator;

	private final EmulatorProperties properties;

	private final ObjectProvider<InboundEventsProperties> inboundProperties;

	/**
	 * Create a binder.
	 * @param emulator the emulator whose routes to set
	 * @param properties the emulator's properties
	 * @param inboundProperties the inbound endpoint's properties, absent when the
	 * endpoint is not configured
	 */
	EmulatorRouteBinder(WebSocketApiEmulator emulator, EmulatorProperties properties,
			ObjectProvider<InboundEventsProperties> inboundProperties) {
		this.emulator = emulator;
		this.properties = properties;
		this.inboundProperties = inboundProperties;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (event.getApplicationContext().getServerNamespace() != null) {
			return; // a separate management server, not the one that serves the endpoint
		}
		if (StringUtils.hasText(this.properties.getLambda().getFunction())) {
			return; // the routes go to the function (EmulatorFunctionRoutes)
		}
		InboundEventsProperties inbound = this.inboundProperties.getIfAvailable();
		if (inbound == null || !inbound.isEnabled()) {
			logger.info("The inbound endpoint is not configured: the emulator's routes are left unbound");
			return;
		}
		Environment environment = event.getApplicationContext().getEnvironment();
		String contextPath = environment.getProperty("server.servlet.context-path",
				environment.getProperty("spring.webflux.base-path", ""));
		URI uri = URI.create("http://" + host(environment.getProperty("server.address")) + ":"
				+ event.getWebServer().getPort() + contextPath + inbound.getPath());
		String secret = inbound.getSecret();
		Map<String, String> headers = StringUtils.hasText(secret) ? Map.of(inbound.getSecretHeader(), secret)
				: Map.of();
		RouteIntegration integration = RouteIntegration.http(uri, headers);
		ROUTES.forEach((route) -> this.emulator.route(route, integration));
		logger.info("Emulator routes " + String.join(", ", ROUTES) + " forward to " + uri);
	}

	/**
	 * The host the emulator calls: loopback unless the server is bound to one address
	 * only.
	 */
	private static String host(@Nullable String serverAddress) {
		if (serverAddress == null || serverAddress.isBlank()) {
			return "127.0.0.1";
		}
		try {
			InetAddress address = InetAddress.getByName(serverAddress);
			if (address.isAnyLocalAddress()) {
				return "127.0.0.1";
			}
			return (address instanceof Inet6Address) ? "[" + address.getHostAddress() + "]" : address.getHostAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("'server.address' " + serverAddress + " cannot be resolved", ex);
		}
	}

}
