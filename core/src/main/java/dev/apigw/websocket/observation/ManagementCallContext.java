package dev.apigw.websocket.observation;

import java.util.Iterator;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

import dev.apigw.websocket.ManagementEndpoint;
import dev.apigw.websocket.ManagementOperation;
import dev.apigw.websocket.ManagementOutcome;

/**
 * {@link Observation.Context} of one attempt of a management call.
 * <p>
 * It keeps its key values as immutable {@link KeyValues} rather than in maps, so that key
 * values a convention made once (as the default one does) are taken as they are, not
 * copied into a map and sorted again for every handler that reads them; what it returns
 * is the same.
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

	private volatile KeyValues lowCardinalityKeyValues = KeyValues.empty();

	private volatile KeyValues highCardinalityKeyValues = KeyValues.empty();

	// the default convention's high-cardinality key values, which do not change during
	// the attempt: made once for its start and its stop
	@Nullable KeyValues defaultHighCardinalityKeyValues;

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

	@Override
	public synchronized Observation.Context addLowCardinalityKeyValue(KeyValue keyValue) {
		this.lowCardinalityKeyValues = this.lowCardinalityKeyValues.and(keyValue);
		return this;
	}

	@Override
	public synchronized Observation.Context addLowCardinalityKeyValues(KeyValues keyValues) {
		this.lowCardinalityKeyValues = merged(this.lowCardinalityKeyValues, keyValues);
		return this;
	}

	@Override
	public synchronized Observation.Context removeLowCardinalityKeyValue(String keyName) {
		this.lowCardinalityKeyValues = without(this.lowCardinalityKeyValues, keyName);
		return this;
	}

	@Override
	public synchronized Observation.Context removeLowCardinalityKeyValues(String... keyNames) {
		for (String keyName : keyNames) {
			removeLowCardinalityKeyValue(keyName);
		}
		return this;
	}

	@Override
	public KeyValues getLowCardinalityKeyValues() {
		return this.lowCardinalityKeyValues;
	}

	@Override
	public @Nullable KeyValue getLowCardinalityKeyValue(String key) {
		return find(this.lowCardinalityKeyValues, key);
	}

	@Override
	public synchronized Observation.Context addHighCardinalityKeyValue(KeyValue keyValue) {
		this.highCardinalityKeyValues = this.highCardinalityKeyValues.and(keyValue);
		return this;
	}

	@Override
	public synchronized Observation.Context addHighCardinalityKeyValues(KeyValues keyValues) {
		this.highCardinalityKeyValues = merged(this.highCardinalityKeyValues, keyValues);
		return this;
	}

	@Override
	public synchronized Observation.Context removeHighCardinalityKeyValue(String keyName) {
		this.highCardinalityKeyValues = without(this.highCardinalityKeyValues, keyName);
		return this;
	}

	@Override
	public synchronized Observation.Context removeHighCardinalityKeyValues(String... keyNames) {
		for (String keyName : keyNames) {
			removeHighCardinalityKeyValue(keyName);
		}
		return this;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues() {
		return this.highCardinalityKeyValues;
	}

	@Override
	public @Nullable KeyValue getHighCardinalityKeyValue(String key) {
		return find(this.highCardinalityKeyValues, key);
	}

	// what Observation.Context's maps would hold after putting the added key values: the
	// added ones themselves when they have the same keys, as when a convention gives the
	// stop of an observation the keys it gave its start
	private static KeyValues merged(KeyValues current, KeyValues added) {
		return (!current.iterator().hasNext() || sameKeys(current, added)) ? added : current.and(added);
	}

	private static boolean sameKeys(KeyValues current, KeyValues added) {
		// both sorted by key, without duplicates
		Iterator<KeyValue> currentKeys = current.iterator();
		Iterator<KeyValue> addedKeys = added.iterator();
		while (currentKeys.hasNext() && addedKeys.hasNext()) {
			if (!currentKeys.next().getKey().equals(addedKeys.next().getKey())) {
				return false;
			}
		}
		return !currentKeys.hasNext() && !addedKeys.hasNext();
	}

	private static KeyValues without(KeyValues keyValues, String keyName) {
		return (find(keyValues, keyName) != null)
				? KeyValues.of(keyValues.stream().filter((keyValue) -> !keyValue.getKey().equals(keyName)).toList())
				: keyValues;
	}

	private static @Nullable KeyValue find(KeyValues keyValues, String key) {
		for (KeyValue keyValue : keyValues) {
			if (keyValue.getKey().equals(key)) {
				return keyValue;
			}
		}
		return null;
	}

}
