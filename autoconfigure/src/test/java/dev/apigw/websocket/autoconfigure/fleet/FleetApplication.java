package dev.apigw.websocket.autoconfigure.fleet;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

import dev.apigw.websocket.WebSocketConnectionTemplate;
import dev.apigw.websocket.autoconfigure.emulator.EmulatorConnectionDetails;
import dev.apigw.websocket.emulator.RouteIntegration;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.registry.ConnectionRegistrar;
import dev.apigw.websocket.registry.ConnectionRegistration;
import dev.apigw.websocket.registry.ConnectionRegistry;

/**
 * One instance of a fleet: a web application with the auto-configured template, registry
 * and inbound endpoint, sending to an emulator it shares with the other instances. Its
 * {@code $connect} listener registers the connection with the {@code user} and
 * {@code group} query parameters of the handshake and the instance's name as attribute
 * {@code instance}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class FleetApplication {

	static final String EMULATOR_BEAN = "fleetEmulator";

	@Bean
	EmulatorConnectionDetails emulatorConnectionDetails(WebSocketApiEmulator fleetEmulator) {
		return new EmulatorConnectionDetails(fleetEmulator);
	}

	@Bean
	ConnectListener connectListener(ConnectionRegistrar registrar, Environment environment) {
		return new ConnectListener(registrar, environment.getRequiredProperty("spring.application.name"));
	}

	/**
	 * Start an instance.
	 * @param name the instance's name
	 * @param emulator the shared emulator
	 * @param properties the store's properties
	 * @return the running instance
	 */
	static Instance start(String name, WebSocketApiEmulator emulator, String... properties) {
		List<String> all = new ArrayList<>(
				List.of("spring.application.name=" + name, "server.port=0", "server.address=127.0.0.1",
						// connections open and close within moments here
						"apigw.websocket.prune-grace-period=0"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(FleetApplication.class)
			.web(WebApplicationType.SERVLET)
			.properties(all.toArray(String[]::new))
			.initializers((applicationContext) -> applicationContext.getBeanFactory()
				.registerSingleton(EMULATOR_BEAN, emulator))
			.run();
		return new Instance(name, context);
	}

	/**
	 * A running instance.
	 *
	 * @param name its name
	 * @param context its application context
	 */
	record Instance(String name, ConfigurableApplicationContext context) implements AutoCloseable {

		WebSocketConnectionTemplate template() {
			return this.context.getBean(WebSocketConnectionTemplate.class);
		}

		ConnectionRegistry registry() {
			return this.context.getBean(ConnectionRegistry.class);
		}

		/**
		 * Make the emulator call this instance on {@code $connect}, {@code $disconnect}
		 * and {@code $default}, as a load balancer would pick it.
		 * @param emulator the shared emulator
		 */
		void receiveRoutes(WebSocketApiEmulator emulator) {
			int port = ((WebServerApplicationContext) this.context).getWebServer().getPort();
			RouteIntegration integration = RouteIntegration.http(URI.create("http://127.0.0.1:" + port
					+ this.context.getEnvironment().getProperty("apigw.websocket.inbound.path", "/apigw/websocket")),
					Map.of());
			for (String route : List.of("$connect", "$disconnect", "$default")) {
				emulator.route(route, integration);
			}
		}

		@Override
		public void close() {
			this.context.close();
		}

	}

	static final class ConnectListener {

		private final ConnectionRegistrar registrar;

		private final String instance;

		ConnectListener(ConnectionRegistrar registrar, String instance) {
			this.registrar = registrar;
			this.instance = instance;
		}

		@EventListener
		void connect(WebSocketConnectEvent event) {
			ConnectionRegistration registration = this.registrar.connecting(event).attribute("instance", this.instance);
			@Nullable String user = event.queryParameter("user");
			if (user != null) {
				registration.userId(user);
			}
			@Nullable String group = event.queryParameter("group");
			if (group != null) {
				registration.join(group);
			}
		}

	}

}
