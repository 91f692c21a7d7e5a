package dev.apigw.websocket.lambda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.WebSocketConnectionOperations;
import dev.apigw.websocket.WebSocketConnectionTemplate;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.util.Assert;

/**
 * The operations that reach the connections of the API that sent an event. Either the one
 * configured endpoint, whose template serves every event and which refuses events of
 * other APIs, or, with no endpoint configured, the API named by each event
 * ({@code https://{domainName}/{stage}}), whose template and SDK clients are built on the
 * first reply and kept for the life of the container (at most {@value #DEFAULT_MAX_APIS}
 * APIs): never one client per invocation.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class EventApiTemplates implements DisposableBean {

	/**
	 * Most APIs whose templates are kept when none is configured.
	 */
	public static final int DEFAULT_MAX_APIS = 8;

	private static final Log logger = LogFactory.getLog(EventApiTemplates.class);

	private final @Nullable ManagementEndpoint configured;

	private final @Nullable Supplier<? extends WebSocketConnectionOperations> configuredOperations;

	private final @Nullable Function<ManagementEndpoint, ApiTemplate> factory;

	private final int maxApis;

	// guarded by itself; bounded by maxApis
	private final Map<String, ApiTemplate> templates = new LinkedHashMap<>();

	private EventApiTemplates(@Nullable ManagementEndpoint configured,
			@Nullable Supplier<? extends WebSocketConnectionOperations> configuredOperations,
			@Nullable Function<ManagementEndpoint, ApiTemplate> factory, int maxApis) {
		this.configured = configured;
		this.configuredOperations = configuredOperations;
		this.factory = factory;
		this.maxApis = maxApis;
	}

	/**
	 * Serve the events of the configured endpoint only, with its operations.
	 * @param endpoint the configured endpoint
	 * @param operations supplies its operations (looked up on the first reply)
	 * @return the templates
	 */
	public static EventApiTemplates configured(ManagementEndpoint endpoint,
			Supplier<? extends WebSocketConnectionOperations> operations) {
		Assert.notNull(endpoint, "'endpoint' must not be null");
		Assert.notNull(operations, "'operations' must not be null");
		return new EventApiTemplates(endpoint, operations, null, 0);
	}

	/**
	 * Serve the events of any API, each with a template for its own endpoint, built by
	 * the factory on the first reply and kept.
	 * @param factory builds the template (and the SDK clients) of an endpoint
	 * @param maxApis the most APIs to keep templates for
	 * @return the templates
	 */
	public static EventApiTemplates perApi(Function<ManagementEndpoint, ApiTemplate> factory, int maxApis) {
		Assert.notNull(factory, "'factory' must not be null");
		Assert.isTrue(maxApis > 0, "'maxApis' must be positive");
		return new EventApiTemplates(null, null, factory, maxApis);
	}

	/**
	 * Tell why an event of the given API is refused.
	 * @param api the API that sent the event, {@code null} when the event does not say
	 * @return the reason, or {@code null} when the event is served
	 */
	@Nullable String refusal(@Nullable ManagementEndpoint api) {
		ManagementEndpoint endpoint = this.configured;
		if (endpoint == null) {
			return null;
		}
		if (api == null) {
			return "the event has no requestContext.domainName and requestContext.stage to tell which API sent it";
		}
		if (sameApi(endpoint, api)) {
			return null;
		}
		return "the event came from " + api.uri() + " (API '" + api.apiId() + "'), not from the configured "
				+ "endpoint " + endpoint.uri() + "; point 'apigw.websocket.endpoint' at the API that invokes "
				+ "this function, or remove it to reply on the API of each event";
	}

	/**
	 * Return the operations for the API that sent an event, built when first used.
	 * @param api the API that sent the event, {@code null} when the event does not say
	 * @return the supplier of its operations, {@code null} when there is no API to reach
	 */
	@Nullable Supplier<? extends WebSocketConnectionOperations> operations(@Nullable ManagementEndpoint api) {
		if (this.configuredOperations != null) {
			return this.configuredOperations;
		}
		return (api != null) ? () -> template(api) : null;
	}

	/**
	 * Return the template of an endpoint, building it on first use.
	 * @param api the endpoint
	 * @return the template
	 * @throws IllegalStateException when the most APIs are served already
	 */
	public WebSocketConnectionTemplate template(ManagementEndpoint api) {
		Function<ManagementEndpoint, ApiTemplate> factory = this.factory;
		Assert.state(factory != null, "Templates are built per API only when no endpoint is configured");
		String key = api.uri().toString().toLowerCase(Locale.ROOT);
		synchronized (this.templates) {
			ApiTemplate template = this.templates.get(key);
			if (template == null) {
				Assert.state(this.templates.size() < this.maxApis,
						() -> "Refused to build a template for " + api.uri() + ": this function serves " + this.maxApis
								+ " APIs already " + this.templates.keySet()
								+ "; set 'apigw.websocket.endpoint' to serve one API");
				logger.debug("Building the management clients of " + api.uri());
				template = factory.apply(api);
				this.templates.put(key, template);
			}
			return template.template();
		}
	}

	/**
	 * Stop the templates built per API and close their SDK clients.
	 */
	@Override
	public void destroy() {
		List<ApiTemplate> built;
		synchronized (this.templates) {
			built = new ArrayList<>(this.templates.values());
			this.templates.clear();
		}
		for (ApiTemplate template : built) {
			template.close();
		}
	}

	private static boolean sameApi(ManagementEndpoint configured, ManagementEndpoint api) {
		if (configured.apiId() != null && configured.apiId().equals(api.apiId())) {
			return configured.stage() == null || configured.stage().equals(api.stage());
		}
		// a custom domain: its base path is not the stage
		return configured.uri().getHost().equalsIgnoreCase(api.uri().getHost());
	}

	/**
	 * A template built for one API, with the resources to close with it.
	 *
	 * @param template the template
	 * @param resources the SDK clients it uses
	 */
	public record ApiTemplate(WebSocketConnectionTemplate template, List<? extends AutoCloseable> resources) {

		public ApiTemplate {
			Assert.notNull(template, "'template' must not be null");
			resources = List.copyOf(resources);
		}

		void close() {
			this.template.stop();
			for (AutoCloseable resource : this.resources) {
				try {
					resource.close();
				}
				catch (Exception ex) {
					logger.warn("Failed to close " + resource, ex);
				}
			}
		}

	}

}
