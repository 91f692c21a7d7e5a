package dev.apigw.websocket.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Matches unless the application is a Lambda function (the Lambda handler on the
 * classpath, running where Lambda sets {@value #LAMBDA_FUNCTION_NAME}) with no management
 * endpoint configured: such a function replies on the API of each event instead, while an
 * ordinary application still fails at startup with the property to set.
 */
final class ManagementEndpointCondition extends SpringBootCondition {

	static final String LAMBDA_HANDLER = "dev.apigw.websocket.lambda.WebSocketLambdaHandler";

	/**
	 * The environment variable that the Lambda runtime sets in every function.
	 */
	static final String LAMBDA_FUNCTION_NAME = "AWS_LAMBDA_FUNCTION_NAME";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Environment environment = context.getEnvironment();
		if (isEndpointConfigured(environment)) {
			return ConditionOutcome.match("a management endpoint is configured");
		}
		if (!ClassUtils.isPresent(LAMBDA_HANDLER, context.getClassLoader())
				|| !StringUtils.hasText(environment.getProperty(LAMBDA_FUNCTION_NAME))) {
			return ConditionOutcome.match("not a Lambda function: the endpoint is required");
		}
		return ConditionOutcome
			.noMatch("a Lambda function without a configured endpoint replies on the API of " + "each event");
	}

	static boolean isEndpointConfigured(Environment environment) {
		return StringUtils.hasText(environment.getProperty(WebSocketEndpointResolver.ENDPOINT))
				|| StringUtils.hasText(environment.getProperty(WebSocketEndpointResolver.API_ID))
				|| environment.getProperty("apigw.websocket.emulator.enabled", Boolean.class, false);
	}

}
