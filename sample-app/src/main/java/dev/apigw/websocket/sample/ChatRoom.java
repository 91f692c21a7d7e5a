package dev.apigw.websocket.sample;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apigw.websocket.BroadcastResult;
import dev.apigw.websocket.WebSocketConnectionOperations;
import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketConnectRejectedException;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;
import dev.apigw.websocket.registry.ConnectionRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The chat: admits members on connect, broadcasts their messages to every registered
 * connection and tells the others when someone joins or leaves.
 */
@Component
final class ChatRoom {

	static final String NAME = "name";

	static final int MAX_NAME_LENGTH = 24;

	static final int MAX_TEXT_LENGTH = 500;

	private static final Logger logger = LoggerFactory.getLogger(ChatRoom.class);

	private final WebSocketConnectionOperations connections;

	private final ConnectionRegistry registry;

	private final JsonMapper jsonMapper;

	ChatRoom(WebSocketConnectionOperations connections, ConnectionRegistry registry, JsonMapper jsonMapper) {
		this.connections = connections;
		this.registry = registry;
		this.jsonMapper = jsonMapper;
	}

	@EventListener
	void join(WebSocketConnectEvent event) {
		String name = trim(event.queryParameter(NAME));
		if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
			throw new WebSocketConnectRejectedException(400,
					"Connect with ?name=... of 1 to " + MAX_NAME_LENGTH + " characters");
		}
		// API Gateway answers 410 for a connection until its $connect has returned, so
		// only the
		// others hear of it now, and it is registered last so that no broadcast reaches
		// it early.
		// The new page asks for the roster once it is open.
		Map<String, String> others = members();
		List<String> members = new ArrayList<>(others.values());
		members.add(name);
		broadcast(others, ChatNotice.joined(name, sorted(members)));
		this.registry.register(event.connectionId(), Map.of(NAME, name));
	}

	@EventListener
	void receive(WebSocketMessageEvent event) {
		ChatRequest request = parse(event.body());
		if (request == null) {
			return;
		}
		if ("roster".equals(request.action())) {
			this.connections.sendJson(event.connectionId(), ChatNotice.roster(names(members())));
		}
		else if ("sendmessage".equals(request.action())) {
			say(event.connectionId(), request);
		}
	}

	@EventListener
	void leave(WebSocketDisconnectEvent event) {
		String name = event.attributes().get(NAME);
		// No name: a 410 pruned the connection before its $disconnect came, and said so
		// then.
		if (name != null) {
			Map<String, String> members = members();
			broadcast(members, ChatNotice.left(name, names(members)));
		}
	}

	private void say(String connectionId, ChatRequest request) {
		String text = trim(request.text());
		if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
			return;
		}
		Map<String, String> members = members();
		// The name registered on connect wins over the one in the message, which anyone
		// can forge.
		String name = members.getOrDefault(connectionId, trim(request.name()));
		broadcast(members, ChatNotice.message(name, text, names(members)));
	}

	/**
	 * Broadcast, then tell the remaining members about each connection that the registry
	 * pruned because it answered 410: a tab closed without a $disconnect reaching us. A
	 * 410 from a connection still inside its grace period is a member still connecting,
	 * not one who left, and the registry keeps it.
	 */
	private void broadcast(Map<String, String> recipients, ChatNotice notice) {
		BroadcastResult result = this.connections.broadcastJson(recipients.keySet(), notice);
		result.failed().forEach((id, ex) -> logger.warn("Could not deliver to {}: {}", id, ex.getMessage()));
		List<String> left = result.gone().stream().filter((id) -> !this.registry.contains(id)).toList();
		if (left.isEmpty()) {
			return;
		}
		Map<String, String> remaining = new LinkedHashMap<>(recipients);
		remaining.keySet().removeAll(left);
		for (String gone : left) {
			this.connections.broadcastJson(remaining.keySet(), ChatNotice.left(recipients.get(gone), names(remaining)));
		}
	}

	private Map<String, String> members() {
		Map<String, String> members = new LinkedHashMap<>();
		this.registry.connectionIds()
			.forEach((id) -> this.registry.attributes(id)
				.map((attributes) -> attributes.get(NAME))
				.ifPresent((name) -> members.put(id, name)));
		return members;
	}

	private static List<String> names(Map<String, String> members) {
		return sorted(members.values());
	}

	private static List<String> sorted(Collection<String> names) {
		return names.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList();
	}

	private @Nullable ChatRequest parse(String body) {
		try {
			return this.jsonMapper.readValue(body, ChatRequest.class);
		}
		catch (JacksonException ex) {
			logger.debug("Ignored a message that is not a chat request: {}", ex.getOriginalMessage());
			return null;
		}
	}

	private static String trim(@Nullable String value) {
		return (value != null) ? value.strip() : "";
	}

}
