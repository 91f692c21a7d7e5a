package dev.apigw.websocket.sample;

import java.util.List;

/**
 * What the chat sends to the page: a message, a join or leave notice, or the member list.
 * Every notice carries the current members so that the page can show them.
 *
 * @param type {@code message}, {@code join}, {@code leave} or {@code roster}
 * @param name who spoke, joined or left; empty for a roster
 * @param text the message; empty for notices
 * @param members the names of the members, sorted
 */
public record ChatNotice(String type, String name, String text, List<String> members) {

	static ChatNotice message(String name, String text, List<String> members) {
		return new ChatNotice("message", name, text, members);
	}

	static ChatNotice joined(String name, List<String> members) {
		return new ChatNotice("join", name, "", members);
	}

	static ChatNotice left(String name, List<String> members) {
		return new ChatNotice("leave", name, "", members);
	}

	static ChatNotice roster(List<String> members) {
		return new ChatNotice("roster", "", "", members);
	}

}
