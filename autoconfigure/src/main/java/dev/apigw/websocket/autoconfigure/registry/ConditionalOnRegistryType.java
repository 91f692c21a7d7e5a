package dev.apigw.websocket.autoconfigure.registry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code apigw.websocket.registry.type} is the given type, bound as Spring
 * Boot binds it (so 'in-memory', 'IN_MEMORY' and 'inMemory' are one value).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Conditional(RegistryTypeCondition.class)
@interface ConditionalOnRegistryType {

	/**
	 * The registry type.
	 * @return the type
	 */
	RegistryProperties.Type value();

}
