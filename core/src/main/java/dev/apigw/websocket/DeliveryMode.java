package dev.apigw.websocket;

/**
 * Delivery guarantee of {@code PostToConnection}, which is not idempotent: API Gateway
 * has no idempotency key, so an attempt repeated after the first one may have reached the
 * service delivers the message twice. {@code GetConnection} and {@code DeleteConnection}
 * are idempotent and retried the same way in both modes.
 * <p>
 * Both modes retry what cannot have been delivered: throttling (429), a connection that
 * could not be opened ({@link ManagementConnectException}) and 503 (the service did not
 * handle the request). They differ in what may have been delivered: a timeout, a reset or
 * another failure after the request was written ({@link ManagementIoException}), and a
 * 5xx other than 503.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public enum DeliveryMode {

	/**
	 * Never repeat a post that may have reached API Gateway: a message is delivered at
	 * most once, and a post that failed that way reports the failure instead (the message
	 * may or may not have been delivered).
	 */
	AT_MOST_ONCE,

	/**
	 * Repeat a post that may have reached API Gateway, within the retry bounds: a message
	 * that is reported delivered may have been delivered more than once, so clients must
	 * tolerate or drop duplicates (for example by a message id in the payload).
	 */
	AT_LEAST_ONCE

}
