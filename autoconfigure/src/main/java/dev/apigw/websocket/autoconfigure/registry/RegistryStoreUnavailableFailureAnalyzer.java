package dev.apigw.websocket.autoconfigure.registry;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A {@code FailureAnalyzer} for a {@link RegistryStoreUnavailableException}: names the
 * missing dependency or bean and the property that chose the store.
 */
final class RegistryStoreUnavailableFailureAnalyzer extends AbstractFailureAnalyzer<RegistryStoreUnavailableException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RegistryStoreUnavailableException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
