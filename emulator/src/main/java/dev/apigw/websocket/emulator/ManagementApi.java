package dev.apigw.websocket.emulator;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;

/**
 * The {@code @connections} API: {@code POST} sends a message, {@code GET} describes a
 * connection, {@code DELETE} closes it. Checks run in AWS's order: signature, throttling,
 * id, then the call.
 */
final class ManagementApi {

	private final ConnectionTable connections;

	private final EmulatorFaults faults;

	private final @Nullable TokenBucket throttle;

	private final @Nullable SignatureVerifier verifier;

	private final RefusalLog refusals;

	ManagementApi(ConnectionTable connections, EmulatorFaults faults, @Nullable TokenBucket throttle,
			@Nullable SignatureVerifier verifier, RefusalLog refusals) {
		this.connections = connections;
		this.faults = faults;
		this.throttle = throttle;
		this.verifier = verifier;
		this.refusals = refusals;
	}

	static String tooLargeMessage(String size) {
		return "Data must be at most " + EmulatorSettings.MAX_MESSAGE_BYTES + " bytes but was " + size;
	}

	void handle(Channel channel, ManagementCall call) {
		Duration latency = this.faults.currentLatency();
		if (latency.isZero()) {
			process(channel, call);
		}
		else {
			channel.eventLoop().schedule(() -> process(channel, call), latency.toNanos(), TimeUnit.NANOSECONDS);
		}
	}

	private void process(Channel channel, ManagementCall call) {
		boolean keepAlive = call.keepAlive();
		SignatureVerifier.Refusal refusal = (this.verifier != null) ? this.verifier.refusal(call) : null;
		if (refusal != null) {
			this.refusals.log(RefusalLog.Kind.SIGNATURE, () -> "Answered 403 " + refusal.errorType() + " to "
					+ call.method() + " " + call.rawPath() + ": " + refusal.message());
			ManagementResponses.error(channel, keepAlive, 403, refusal.errorType(), refusal.message());
			return;
		}
		Integer forced = this.faults.pollForcedStatus();
		if (forced != null) {
			ManagementResponses.error(channel, keepAlive, forced, "Fault injected by the emulator");
			return;
		}
		if (this.throttle != null && !this.throttle.tryAcquire()) {
			ManagementResponses.error(channel, keepAlive, 429, "Rate exceeded");
			return;
		}
		String connectionId = PathIds.decode(call.idSegment());
		if (connectionId == null) {
			ManagementResponses.error(channel, keepAlive, 400,
					"Invalid connectionId: '" + call.idSegment() + "' is not a path-encoded connection id");
			return;
		}
		HttpMethod method = call.method();
		if (HttpMethod.POST.equals(method)) {
			post(channel, call, connectionId);
		}
		else if (HttpMethod.GET.equals(method)) {
			get(channel, keepAlive, connectionId);
		}
		else if (HttpMethod.DELETE.equals(method)) {
			delete(channel, keepAlive, connectionId);
		}
		else {
			ManagementResponses.error(channel, keepAlive, 403, "MissingAuthenticationTokenException",
					"Missing Authentication Token");
		}
	}

	private void post(Channel channel, ManagementCall call, String connectionId) {
		byte[] data = call.body();
		if (data.length > EmulatorSettings.MAX_MESSAGE_BYTES) {
			this.refusals.log(RefusalLog.Kind.PAYLOAD_TOO_LARGE,
					() -> "Answered 413 to a post of " + data.length + " bytes to " + connectionId);
			ManagementResponses.error(channel, call.keepAlive(), 413, "PayloadTooLargeException",
					tooLargeMessage(Integer.toString(data.length)));
			return;
		}
		LiveConnection connection = this.connections.findOpen(connectionId);
		if (connection == null) {
			gone(channel, call.keepAlive(), connectionId);
			return;
		}
		Channel target = connection.channel();
		if (data.length <= LiveConnection.MAX_FRAME_BYTES || target.eventLoop().inEventLoop()) {
			// one frame needs no hop to the connection's event loop: Netty queues writes
			// from other threads in the order they are made and counts them against the
			// connection's write buffer when queued, so the writability check holds, and
			// answering here saves handing the answer back to this event loop (a
			// connection closing meanwhile drops the frame, as API Gateway may after its
			// 200)
			deliver(channel, call, connection, connectionId);
		}
		else {
			// the frames of a longer message are written on the connection's own event
			// loop, so that no other write comes between them
			target.eventLoop().execute(() -> deliver(channel, call, connection, connectionId));
		}
	}

	private void deliver(Channel channel, ManagementCall call, LiveConnection connection, String connectionId) {
		Channel target = connection.channel();
		if (!target.isActive()) {
			gone(channel, call.keepAlive(), connectionId);
		}
		else if (!target.isWritable()) {
			this.refusals.log(RefusalLog.Kind.CLIENT_BUFFER_FULL,
					() -> "Answered 429 to a post to " + connectionId + ": the client reads slower than it is sent to");
			ManagementResponses.error(channel, call.keepAlive(), 429,
					"The client's WebSocket buffer is full; slow down or retry later");
		}
		else {
			// accepted once queued, as API Gateway does: a client that stops reading
			// fills
			// the buffer and later posts get 429, rather than each post waiting for the
			// client
			connection.send(call.body());
			ManagementResponses.empty(channel, call.keepAlive(), HttpResponseStatus.OK);
		}
	}

	private void get(Channel channel, boolean keepAlive, String connectionId) {
		LiveConnection connection = this.connections.findOpen(connectionId);
		if (connection == null) {
			gone(channel, keepAlive, connectionId);
			return;
		}
		Map<String, Object> identity = new LinkedHashMap<>();
		identity.put("sourceIp", connection.sourceIp());
		identity.put("userAgent", connection.userAgent());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("connectedAt", connection.connectedAt().truncatedTo(ChronoUnit.MILLIS).toString());
		body.put("identity", identity);
		body.put("lastActiveAt", connection.lastActiveAt().toString());
		ManagementResponses.json(channel, keepAlive, Json.write(body));
	}

	private void delete(Channel channel, boolean keepAlive, String connectionId) {
		LiveConnection connection = this.connections.findOpen(connectionId);
		if (connection == null) {
			gone(channel, keepAlive, connectionId);
			return;
		}
		connection.close(1000, "Connection deleted");
		ManagementResponses.empty(channel, keepAlive, HttpResponseStatus.NO_CONTENT);
	}

	private static void gone(Channel channel, boolean keepAlive, String connectionId) {
		ManagementResponses.error(channel, keepAlive, 410, "Connection '" + connectionId + "' is gone");
	}

}
