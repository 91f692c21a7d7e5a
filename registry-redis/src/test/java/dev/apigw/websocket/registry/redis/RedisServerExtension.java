package dev.apigw.websocket.registry.redis;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Starts one {@link RedisServer} for the whole test run, when the first class that uses
 * this extension starts, and stops it when the run ends; resolves {@link RedisServer}
 * parameters.
 */
public final class RedisServerExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(RedisServerExtension.class);

	/**
	 * Disables the tests, with the reason, when what they need is missing; on CI, fails.
	 */
	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		try {
			RedisServer.binary();
			return ConditionEvaluationResult.enabled("installed");
		}
		catch (TestAbortedException ex) {
			return ConditionEvaluationResult.disabled(ex.getMessage());
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		server(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == RedisServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return server(extensionContext);
	}

	private static RedisServer server(ExtensionContext context) {
		RedisServer.binary(); // aborts or fails here, outside the store, when it is
								// missing
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(RedisServer.class, (key) -> RedisServer.start(), RedisServer.class);
	}

}
