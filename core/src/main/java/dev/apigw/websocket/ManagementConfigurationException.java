package dev.apigw.websocket;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the SDK client could not make a management call because of its
 * configuration: no AWS credentials, no region, or mixed AWS SDK module versions. The
 * request was not sent and is never retried; the message names the fix.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public class ManagementConfigurationException extends WebSocketManagementException {

	/**
	 * Create a new instance.
	 * @param message the detail message, naming the cause and the fix
	 * @param connectionId the id of the connection the call was for
	 * @param operation the failed operation
	 * @param cause what the SDK failed with
	 */
	public ManagementConfigurationException(String message, String connectionId, ManagementOperation operation,
			@Nullable Throwable cause) {
		super(message, connectionId, operation, 0, ManagementOutcome.CONFIGURATION_ERROR, cause);
	}

}
