package dev.apigw.websocket.emulator;

import java.time.Duration;

/**
 * Bounds of Lambda integrations; see the builder methods of the same names.
 *
 * @param lambdaTimeout time one invocation may take
 * @param maxLambdaResponseBytes largest function response read
 * @param maxConcurrentLambdaInvocations invocations running at once across all Lambda
 * integrations
 */
record LambdaLimits(Duration lambdaTimeout, int maxLambdaResponseBytes, int maxConcurrentLambdaInvocations) {

	/** API Gateway's integration timeout. */
	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(29);

	/** Lambda's limit of a synchronous invocation's response payload. */
	static final int DEFAULT_MAX_RESPONSE_BYTES = 6 * 1024 * 1024;

	/** Lambda's default concurrency of an account in a region. */
	static final int DEFAULT_MAX_CONCURRENCY = 1000;

	static LambdaLimits defaults() {
		return new LambdaLimits(DEFAULT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_MAX_CONCURRENCY);
	}

}
