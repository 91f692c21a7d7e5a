package dev.apigw.websocket.autoconfigure.registry;

import java.util.Map;
import java.util.Objects;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The condition of {@link ConditionalOnRegistryType}; a value that is no type fails the
 * binding, so that a typo stops the application rather than selecting no registry.
 */
final class RegistryTypeCondition extends SpringBootCondition {

	private static final String PROPERTY = RegistryProperties.PREFIX + ".type";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = Objects
			.requireNonNull(metadata.getAnnotationAttributes(ConditionalOnRegistryType.class.getName()));
		RegistryProperties.Type required = (RegistryProperties.Type) attributes.get("value");
		RegistryProperties.Type type = Binder.get(context.getEnvironment())
			.bind(PROPERTY, RegistryProperties.Type.class)
			.orElse(RegistryProperties.Type.IN_MEMORY);
		ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnRegistryType.class, required);
		return (type == required) ? ConditionOutcome.match(message.because("'" + PROPERTY + "' is " + type))
				: ConditionOutcome.noMatch(message.because("'" + PROPERTY + "' is " + type));
	}

}
