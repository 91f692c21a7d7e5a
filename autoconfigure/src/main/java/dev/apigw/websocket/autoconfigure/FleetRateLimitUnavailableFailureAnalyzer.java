package dev.apigw.websocket.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A {@code FailureAnalyzer} for a {@link FleetRateLimitUnavailableException}: names what
 * is missing and the property that asked for a fleet-wide rate limit.
 */
final class FleetRateLimitUnavailableFailureAnalyzer
		extends AbstractFailureAnalyzer<FleetRateLimitUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, FleetRateLimitUnavailableException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
