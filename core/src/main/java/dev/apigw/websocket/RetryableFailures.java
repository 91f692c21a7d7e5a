package dev.apigw.websocket;

import org.springframework.classify.BinaryExceptionClassifier;

/**
 * Decides whether a failed attempt may be retried: only transient failures, and of those
 * a post that may have been delivered only with {@link DeliveryMode#AT_LEAST_ONCE}.
 */
final class RetryableFailures extends BinaryExceptionClassifier {

	private final DeliveryMode deliveryMode;

	private final boolean retryServerErrors;

	RetryableFailures(DeliveryMode deliveryMode, boolean retryServerErrors) {
		super(false);
		this.deliveryMode = deliveryMode;
		this.retryServerErrors = retryServerErrors;
	}

	@Override
	public Boolean classify(Throwable failure) {
		return (failure instanceof WebSocketManagementException ex) && isTransient(ex) && mayRepeat(ex);
	}

	private boolean isTransient(WebSocketManagementException ex) {
		return switch (ex.outcome()) {
			case THROTTLED, CONNECT_ERROR, IO_ERROR -> true;
			case SERVER_ERROR -> this.retryServerErrors;
			case SUCCESS, GONE, PAYLOAD_TOO_LARGE, FORBIDDEN, CLIENT_ERROR, CONFIGURATION_ERROR -> false;
		};
	}

	// GetConnection and DeleteConnection are idempotent; PostToConnection is not
	private boolean mayRepeat(WebSocketManagementException ex) {
		return !ex.mayHaveTakenEffect() || ex.operation() != ManagementOperation.POST
				|| this.deliveryMode == DeliveryMode.AT_LEAST_ONCE;
	}

}
