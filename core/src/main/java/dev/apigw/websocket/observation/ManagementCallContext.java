package dev.apigw.websocket.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.ManagementOperation;
import dev.apigw.websocket.ManagementOutcome;

/**
 * {@link Observation.Context} of one attempt of a management call.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public class ManagementCallContext extends Observation.Context {

	private final String connectionId;

	private final ManagementOperation operation;

	private final ManagementEndpoint endpoint;

	private final int attempt;

	private @Nullable ManagementOutcome outcome;

	/**
	 * Create a context.
	 * @param connectionId the connection id
	 * @param operation the operation
	 * @param endpoint the management endpoint
	 * @param attempt the attempt number, from 1
	 */
	public ManagementCallContext(String connectionId, ManagementOperation operation, ManagementEndpoint endpoint,
			int attempt) {
		this.connectionId = connectionId;
		this.operation = operation;
		this.endpoint = endpoint;
		this.attempt = attempt;
	}

	/**
	 * Return the connection id.
	 * @return the connection id
	 */
	public String getConnectionId() {
		return this.connectionId;
	}

	/**
	 * Return the operation.
	 * @return the operation
	 */
	public ManagementOperation getOperation() {
		return this.operation;
	}

	/**
	 * Return the management endpoint.
	 * @return the endpoint
	 */
	public ManagementEndpoint getEndpoint() {
		return this.endpoint;
	}

	/**
	 * Return the attempt number.
	 * @return the attempt number, from 1; above 1 for retries
	 */
	public int getAttempt() {
		return this.attempt;
	}

	/**
	 * Return the outcome of the attempt.
	 * @return the outcome, {@code null} while the call is in flight
	 */
	public @Nullable ManagementOutcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set the outcome of the attempt.
	 * @param outcome the outcome
	 */
	public void setOutcome(ManagementOutcome outcome) {
		this.outcome = outcome;
	}

}
