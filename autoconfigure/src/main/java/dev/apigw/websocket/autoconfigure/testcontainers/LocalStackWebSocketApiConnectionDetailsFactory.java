package dev.apigw.websocket.autoconfigure.testcontainers;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

import dev.apigw.websocket.autoconfigure.WebSocketApiConnectionDetails;

/**
 * {@link ContainerConnectionDetailsFactory} that creates
 * {@link WebSocketApiConnectionDetails} from a
 * {@link ServiceConnection @ServiceConnection}-annotated {@link LocalStackContainer}.
 * LocalStack serves the @connections API in its paid image only. The API id and stage are
 * read from {@code apigw.websocket.api-id} and {@code apigw.websocket.stage} (or the
 * environment variables {@code APIGW_WEBSOCKET_APIID} and {@code APIGW_WEBSOCKET_STAGE});
 * the region and credentials are the container's.
 */
final class LocalStackWebSocketApiConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<LocalStackContainer, WebSocketApiConnectionDetails> {

	LocalStackWebSocketApiConnectionDetailsFactory() {
		super(ANY_CONNECTION_NAME, "org.testcontainers.localstack.LocalStackContainer");
	}

	@Override
	protected WebSocketApiConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<LocalStackContainer> source) {
		return new LocalStackWebSocketApiConnectionDetails(source);
	}

	/**
	 * {@link WebSocketApiConnectionDetails} backed by a LocalStack container: the API is
	 * addressed through LocalStack's path-style execute-api endpoint
	 * ({@code /_aws/execute-api/{api-id}/{stage}}), which needs no DNS.
	 */
	static final class LocalStackWebSocketApiConnectionDetails extends ContainerConnectionDetails<LocalStackContainer>
			implements WebSocketApiConnectionDetails, EnvironmentAware {

		private static final String API_ID = "apigw.websocket.api-id";

		private static final String STAGE = "apigw.websocket.stage";

		private @Nullable Environment environment;

		LocalStackWebSocketApiConnectionDetails(ContainerConnectionSource<LocalStackContainer> source) {
			super(source);
		}

		@Override
		public void setEnvironment(Environment environment) {
			this.environment = environment;
		}

		@Override
		public URI getEndpoint() {
			return getContainer().getEndpoint()
				.resolve("/_aws/execute-api/" + required(API_ID) + "/" + required(STAGE));
		}

		@Override
		public Region getRegion() {
			return Region.of(getContainer().getRegion());
		}

		@Override
		public AwsCredentialsProvider getCredentialsProvider() {
			LocalStackContainer container = getContainer();
			return StaticCredentialsProvider
				.create(AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey()));
		}

		private String required(String property) {
			Assert.state(this.environment != null, "Environment has not been set");
			String value = this.environment.getProperty(property);
			Assert.state(value != null && !value.isBlank(), () -> "'" + property
					+ "' must be set to use a LocalStack container as the API Gateway WebSocket endpoint");
			return value;
		}

	}

}
