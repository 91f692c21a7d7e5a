package dev.apigw.websocket.autoconfigure.inbound;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A {@code FailureAnalyzer} for an {@link InboundSecretException}: says why the inbound
 * endpoint may not start and which property to set.
 */
final class InboundSecretFailureAnalyzer extends AbstractFailureAnalyzer<InboundSecretException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InboundSecretException cause) {
		return new FailureAnalysis("The API Gateway inbound endpoint is not secured: " + cause.getMessage(),
				cause.getAction(), cause);
	}

}
