package dev.apigw.websocket.autoconfigure.emulator;

import java.util.List;
import java.util.function.Function;

import dev.apigw.websocket.emulator.RouteIntegration;
import dev.apigw.websocket.emulator.WebSocketApiEmulator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.util.StringUtils;

/**
 * Points the emulator's {@code $connect}, {@code $disconnect} and {@code $default} routes
 * at the function bean named by {@code apigw.websocket.emulator.lambda.function}, as a
 * Lambda proxy integration, once every singleton exists. Does nothing when the property
 * is not set.
 */
final class EmulatorFunctionRoutes implements SmartInitializingSingleton {

	static final String PROPERTY = "apigw.websocket.emulator.lambda.function";

	private static final List<String> ROUTES = List.of("$connect", "$disconnect");

	private static final Log logger = LogFactory.getLog(EmulatorFunctionRoutes.class);

	private final WebSocketApiEmulator emulator;

	private final EmulatorProperties.Lambda properties;

	private final ConfigurableListableBeanFactory beanFactory;

	EmulatorFunctionRoutes(WebSocketApiEmulator emulator, EmulatorProperties.Lambda properties,
			ConfigurableListableBeanFactory beanFactory) {
		this.emulator = emulator;
		this.properties = properties;
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		String name = this.properties.getFunction();
		if (!StringUtils.hasText(name)) {
			return;
		}
		if (!this.beanFactory.containsBean(name)) {
			throw new IllegalStateException("'" + PROPERTY + "' is '" + name
					+ "' but there is no bean of that name; set it to the name of a java.util.function.Function bean (for example a Spring Cloud Function) or remove it");
		}
		Object bean = this.beanFactory.getBean(name);
		if (!(bean instanceof Function<?, ?> function)) {
			throw new IllegalStateException("'" + PROPERTY + "' is '" + name + "' but that bean is a "
					+ bean.getClass().getName() + ", not a java.util.function.Function; name a Function bean");
		}
		@SuppressWarnings("unchecked")
		FunctionBeanLambdaHandler handler = new FunctionBeanLambdaHandler((Function<Object, Object>) function,
				inputType(name, bean));
		RouteIntegration integration = RouteIntegration.lambda(handler);
		ROUTES.forEach((route) -> this.emulator.route(route, integration));
		this.emulator.route("$default",
				this.properties.isRouteResponse() ? integration.withRouteResponse() : integration);
		logger.info("Emulator routes $connect, $disconnect, $default invoke the function bean '" + name
				+ "' as a Lambda proxy integration" + (this.properties.isRouteResponse() ? " (two-way)" : ""));
	}

	/**
	 * The function's input type, from its bean definition (a {@code @Bean} method keeps
	 * the generics a lambda's class loses), else from its class.
	 */
	private ResolvableType inputType(String name, Object bean) {
		if (this.beanFactory.containsBeanDefinition(name)) {
			ResolvableType declared = this.beanFactory.getMergedBeanDefinition(name)
				.getResolvableType()
				.as(Function.class)
				.getGeneric(0);
			if (declared.resolve() != null) {
				return declared;
			}
		}
		return ResolvableType.forInstance(bean).as(Function.class).getGeneric(0);
	}

}
