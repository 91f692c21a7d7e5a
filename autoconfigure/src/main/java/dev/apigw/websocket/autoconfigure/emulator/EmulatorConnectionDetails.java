package dev.apigw.websocket.autoconfigure.emulator;

import java.net.URI;

import dev.apigw.websocket.autoconfigure.WebSocketApiConnectionDetails;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * {@link WebSocketApiConnectionDetails} of an emulator running in-process: its management
 * endpoint, region us-east-1 and static dummy credentials, so that no AWS account is
 * needed.
 *
 * @since 0.1.0
 */
public final class EmulatorConnectionDetails implements WebSocketApiConnectionDetails {

	private static final AwsCredentialsProvider DUMMY_CREDENTIALS = StaticCredentialsProvider
		.create(AwsBasicCredentials.create("emulator", "emulator"));

	private final URI endpoint;

	/**
	 * Create the connection details of an emulator.
	 * @param emulator the started emulator
	 */
	public EmulatorConnectionDetails(WebSocketApiEmulator emulator) {
		this.endpoint = emulator.managementEndpoint();
	}

	@Override
	public URI getEndpoint() {
		return this.endpoint;
	}

	@Override
	public Region getRegion() {
		return Region.US_EAST_1;
	}

	@Override
	public AwsCredentialsProvider getCredentialsProvider() {
		return DUMMY_CREDENTIALS;
	}

}
