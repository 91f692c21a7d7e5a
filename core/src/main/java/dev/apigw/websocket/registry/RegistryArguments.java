package dev.apigw.websocket.registry;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Argument checks of the {@link ConnectionRegistry} operations, so that every
 * implementation refuses bad input early with the same messages.
 *
 * @author apigw-websocket
 * @since 0.1.0
 */
public final class RegistryArguments {

	private RegistryArguments() {
	}

	/**
	 * Check the arguments of {@link ConnectionRegistry#register(String, String, Map)
	 * register}.
	 * @param connectionId the connection id, not blank
	 * @param userId the user id, {@code null} or not blank
	 * @param attributes the attributes, not {@code null}
	 * @throws IllegalArgumentException naming the argument that is wrong
	 */
	public static void checkRegistration(String connectionId, @Nullable String userId, Map<String, String> attributes) {
		checkConnectionId(connectionId);
		Assert.isTrue(userId == null || !userId.isBlank(), "'userId' must not be blank");
		Assert.notNull(attributes, "'attributes' must not be null");
	}

	/**
	 * Check the arguments of {@link ConnectionRegistry#register(String, String, Map, Set)
	 * register} with groups.
	 * @param connectionId the connection id, not blank
	 * @param userId the user id, {@code null} or not blank
	 * @param attributes the attributes, not {@code null}
	 * @param groupNames the group names, not {@code null}, none blank
	 * @throws IllegalArgumentException naming the argument that is wrong
	 */
	public static void checkRegistration(String connectionId, @Nullable String userId, Map<String, String> attributes,
			Set<String> groupNames) {
		checkRegistration(connectionId, userId, attributes);
		Assert.notNull(groupNames, "'groupNames' must not be null");
		groupNames.forEach(RegistryArguments::checkGroupName);
	}

	/**
	 * Check a connection id.
	 * @param connectionId the connection id, not blank
	 * @throws IllegalArgumentException if it is blank
	 */
	public static void checkConnectionId(String connectionId) {
		Assert.hasText(connectionId, "'connectionId' must not be blank");
	}

	/**
	 * Check a group name.
	 * @param groupName the group name, not blank
	 * @throws IllegalArgumentException if it is blank
	 */
	public static void checkGroupName(String groupName) {
		Assert.hasText(groupName, "'groupName' must not be blank");
	}

	/**
	 * Check a user id.
	 * @param userId the user id, not blank
	 * @throws IllegalArgumentException if it is blank
	 */
	public static void checkUserId(String userId) {
		Assert.hasText(userId, "'userId' must not be blank");
	}

}
