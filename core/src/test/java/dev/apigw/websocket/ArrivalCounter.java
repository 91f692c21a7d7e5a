package dev.apigw.websocket;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.extension.Parameters;
import com.github.tomakehurst.wiremock.extension.ServeEventListener;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Records each request's method and path when it reaches the stub server, before its
 * answer (which a stub may delay).
 */
final class ArrivalCounter implements ServeEventListener {

	private final List<String> arrived = new CopyOnWriteArrayList<>();

	@Override
	public void beforeMatch(ServeEvent serveEvent, Parameters parameters) {
		this.arrived.add(serveEvent.getRequest().getMethod() + " " + serveEvent.getRequest().getUrl());
	}

	@Override
	public String getName() {
		return "arrival-counter";
	}

	int count() {
		return this.arrived.size();
	}

	/**
	 * Count the requests for connections whose id starts with a prefix, leaving out those
	 * of other tests that arrive late.
	 */
	int countFor(String connectionIdPrefix) {
		return countFor("", connectionIdPrefix);
	}

	/**
	 * Count the requests of a method ({@code ""} for any) for connections whose id starts
	 * with a prefix.
	 */
	int countFor(String method, String connectionIdPrefix) {
		String path = " " + ManagementApiStubs.CONNECTIONS_PATH + connectionIdPrefix;
		return (int) this.arrived.stream()
			.filter((request) -> request.startsWith(method) && request.contains(path))
			.count();
	}

	List<String> requests() {
		return List.copyOf(this.arrived);
	}

	void reset() {
		this.arrived.clear();
	}

}
