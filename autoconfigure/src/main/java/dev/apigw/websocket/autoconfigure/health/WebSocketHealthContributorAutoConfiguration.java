package dev.apigw.websocket.autoconfigure.health;

import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.ManagementEndpointProbe;
import dev.apigw.websocket.autoconfigure.WebSocketAutoConfiguration;
import dev.apigw.websocket.autoconfigure.WebSocketProperties;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the health indicator of the
 * {@code @connections} management endpoint, named {@code apigwWebSocket}: a
 * {@link ManagementEndpointProbe} whose results, reused for
 * {@code apigw.websocket.health.cache-ttl}, become Spring Boot's {@link Health}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = WebSocketAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class, ManagementEndpointProbe.class,
		ApiGatewayManagementApiClient.class })
@ConditionalOnBean({ ApiGatewayManagementApiClient.class, ManagementEndpoint.class })
@ConditionalOnEnabledHealthIndicator("apigw-websocket")
@EnableConfigurationProperties(WebSocketProperties.class)
public final class WebSocketHealthContributorAutoConfiguration {

	/**
	 * Name of the health indicator bean; the health contributor is
	 * {@code apigwWebSocket}.
	 */
	public static final String HEALTH_INDICATOR_BEAN_NAME = "apigwWebSocketHealthIndicator";

	@Bean(HEALTH_INDICATOR_BEAN_NAME)
	@ConditionalOnMissingBean(name = HEALTH_INDICATOR_BEAN_NAME)
	HealthIndicator apigwWebSocketHealthIndicator(ApiGatewayManagementApiClient client, ManagementEndpoint endpoint,
			WebSocketProperties properties) {
		ManagementEndpointProbe probe = probe(client, endpoint, properties);
		return () -> health(probe.probe());
	}

	private static ManagementEndpointProbe probe(ApiGatewayManagementApiClient client, ManagementEndpoint endpoint,
			WebSocketProperties properties) {
		try {
			return new ManagementEndpointProbe(client, endpoint, properties.getHealth().getCacheTtl());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("Invalid 'apigw.websocket.health.cache-ttl': " + ex.getMessage(), ex);
		}
	}

	// the probe's statuses carry the names of Spring Boot's
	private static Health health(ManagementEndpointProbe.Result result) {
		return Health.status(result.status().name()).withDetails(result.details()).build();
	}

}
