package dev.apigw.websocket.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Details required to reach the @connections management API of an API Gateway WebSocket
 * API. Defined from {@code apigw.websocket.*} properties unless another bean of this type
 * (a local emulator, a Testcontainers service connection) is present.
 *
 * @since 0.1.0
 */
public interface WebSocketApiConnectionDetails extends ConnectionDetails {

	/**
	 * Return the management endpoint, including the stage when the API needs one, for
	 * example {@code https://abc123.execute-api.eu-west-1.amazonaws.com/prod}.
	 * @return the management endpoint
	 */
	URI getEndpoint();

	/**
	 * Return the region used to sign management calls.
	 * @return the region, or {@code null} to use the region resolved by Spring Cloud AWS
	 */
	@Nullable Region getRegion();

	/**
	 * Return the credentials used to sign management calls.
	 * @return the credentials provider, or {@code null} to use the credentials resolved
	 * by Spring Cloud AWS
	 */
	default @Nullable AwsCredentialsProvider getCredentialsProvider() {
		return null;
	}

}
