package dev.apigw.websocket.registry;

/**
 * Thrown when the store behind a {@link ConnectionRegistry} is down, too slow or refuses
 * an operation. Names the store and the operation; the cause is the store client's
 * exception.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public class ConnectionRegistryException extends RuntimeException {

	private final String store;

	private final String operation;

	/**
	 * Create an exception.
	 * @param store the store, for example {@code "Redis"}
	 * @param operation the registry operation that failed, for example {@code "join"}
	 * @param cause the store client's exception
	 */
	public ConnectionRegistryException(String store, String operation, Throwable cause) {
		super("Connection registry on " + store + " failed to " + operation + ": " + describe(cause), cause);
		this.store = store;
		this.operation = operation;
	}

	/**
	 * Create an exception without a cause.
	 * @param store the store, for example {@code "Redis"}
	 * @param operation the registry operation that failed, for example {@code "join"}
	 * @param reason why it failed
	 */
	public ConnectionRegistryException(String store, String operation, String reason) {
		super("Connection registry on " + store + " failed to " + operation + ": " + reason);
		this.store = store;
		this.operation = operation;
	}

	// store clients wrap the telling exception ("timed out after 2 seconds") in a generic
	// one
	private static String describe(Throwable cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		if (root == cause || root.getMessage() == null
				|| String.valueOf(cause.getMessage()).contains(root.getMessage())) {
			return String.valueOf(cause.getMessage());
		}
		return cause.getMessage() + " (" + root.getMessage() + ")";
	}

	/**
	 * Return the store that failed.
	 * @return the store name
	 */
	public String getStore() {
		return this.store;
	}

	/**
	 * Return the registry operation that failed.
	 * @return the operation name
	 */
	public String getOperation() {
		return this.operation;
	}

}
