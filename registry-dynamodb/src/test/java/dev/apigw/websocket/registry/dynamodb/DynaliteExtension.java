package dev.apigw.websocket.registry.dynamodb;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.opentest4j.TestAbortedException;

/**
 * Starts one {@link Dynalite} for the whole test run, when the first class that uses this
 * extension starts, and stops it when the run ends; resolves {@link Dynalite} parameters.
 */
final class DynaliteExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

	private static final Namespace NAMESPACE = Namespace.create(DynaliteExtension.class);

	/**
	 * Disables the tests, with the reason, when what they need is missing; on CI, fails.
	 */
	@Override
	public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
		try {
			Dynalite.node();
			return ConditionEvaluationResult.enabled("installed");
		}
		catch (TestAbortedException ex) {
			return ConditionEvaluationResult.disabled(ex.getMessage());
		}
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		dynalite(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == Dynalite.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return dynalite(extensionContext);
	}

	private static Dynalite dynalite(ExtensionContext context) {
		Dynalite.node(); // aborts or fails here, outside the store, when it is missing
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(Dynalite.class, (key) -> Dynalite.start(), Dynalite.class);
	}

}
