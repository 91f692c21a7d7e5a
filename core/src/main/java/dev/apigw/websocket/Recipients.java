package dev.apigw.websocket;

import java.util.Collection;
import java.util.function.Function;

import dev.apigw.websocket.registry.ConnectionRegistry;

import org.springframework.util.Assert;

/**
 * The connections a send to a user, a group or everyone reaches: how to look them up in a
 * {@link ConnectionRegistry}, and how to name the lookup in failures.
 *
 * @param description what is sent to, for messages
 * @param operation the registry operation, as registries name it in their exceptions
 * @param lookup the lookup
 */
record Recipients(String description, String operation, Function<ConnectionRegistry, Collection<String>> lookup) {

	static Recipients user(String userId) {
		Assert.hasText(userId, "'userId' must not be blank");
		return new Recipients("the connections of user '" + userId + "'", "look up user connections",
				(registry) -> registry.userConnections(userId));
	}

	static Recipients group(String groupName) {
		Assert.hasText(groupName, "'groupName' must not be blank");
		return new Recipients("the members of group '" + groupName + "'", "look up group members",
				(registry) -> registry.groupMembers(groupName));
	}

	static Recipients all() {
		return new Recipients("every registered connection", "list connections",
				(registry) -> registry.connectionIds().toList());
	}

	Collection<String> lookUp(ConnectionRegistry registry) {
		return this.lookup.apply(registry);
	}

}
