package dev.apigw.websocket.autoconfigure;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * Runtime hints for a native or AOT-processed function: Spring Cloud Function binds the
 * Lambda event and response types with Jackson, reflectively. The handler itself reflects
 * on nothing and scans nothing.
 */
final class WebSocketLambdaRuntimeHints implements RuntimeHintsRegistrar {

	private static final Class<?>[] BOUND_TYPES = { APIGatewayV2WebSocketEvent.class,
			APIGatewayV2WebSocketEvent.RequestContext.class, APIGatewayV2WebSocketEvent.RequestIdentity.class,
			APIGatewayV2WebSocketResponse.class };

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), BOUND_TYPES);
	}

}
