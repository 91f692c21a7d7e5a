package dev.apigw.websocket.emulator;

import java.time.Duration;

/**
 * Bounds of every route integration, in one place; see the builder methods of the same
 * names. HTTP integrations and in-process {@link RouteHandler}s share one set, Lambda
 * integrations have their own.
 *
 * @param integrationTimeout time one HTTP or in-process integration call may take
 * @param maxIntegrationResponseBytes largest HTTP integration response read
 * @param maxConcurrentIntegrations HTTP and in-process integration calls running at once
 * @param lambdaTimeout time one invocation may take
 * @param maxLambdaResponseBytes largest function response read
 * @param maxConcurrentLambdaInvocations invocations running at once across all Lambda
 * integrations
 */
record IntegrationLimits(Duration integrationTimeout, int maxIntegrationResponseBytes, int maxConcurrentIntegrations,
		Duration lambdaTimeout, int maxLambdaResponseBytes, int maxConcurrentLambdaInvocations) {

	/** API Gateway's integration timeout. */
	static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(29);

	/**
	 * A route response goes back to the client as one message, at most API Gateway's
	 * message size.
	 */
	static final int DEFAULT_MAX_INTEGRATION_RESPONSE_BYTES = EmulatorSettings.MAX_MESSAGE_BYTES;

	/** As many as Lambda's default concurrency. */
	static final int DEFAULT_MAX_CONCURRENT_INTEGRATIONS = 1000;

	/** Lambda's limit of a synchronous invocation's response payload. */
	static final int DEFAULT_MAX_LAMBDA_RESPONSE_BYTES = 6 * 1024 * 1024;

	/** Lambda's default concurrency of an account in a region. */
	static final int DEFAULT_MAX_LAMBDA_CONCURRENCY = 1000;

}
