package dev.apigw.websocket.benchmarks;

/**
 * The time limit of a run passed; the scenario is reported as not finished.
 */
final class TimeLimitException extends IllegalStateException {

	TimeLimitException(String message) {
		super(message);
	}

}
