package dev.apigw.websocket.autoconfigure.inbound;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.apigw.websocket.event.WebSocketConnectEvent;
import dev.apigw.websocket.event.WebSocketConnectionGoneEvent;
import dev.apigw.websocket.event.WebSocketDisconnectEvent;
import dev.apigw.websocket.event.WebSocketMessageEvent;
import dev.apigw.websocket.registry.ConnectionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The inbound endpoint over real HTTP, called the way API Gateway's HTTP integrations
 * call it; run against Spring MVC and WebFlux (each subclass sets
 * {@code spring.main.web-application-type}).
 */
@SpringBootTest(classes = InboundTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "apigw.websocket.enabled=false",
				"apigw.websocket.inbound.secret=" + InboundTestApplication.SECRET, "server.address=127.0.0.1" })
@DirtiesContext
abstract class AbstractInboundEventsEndpointTests {

	static final String SECRET = InboundTestApplication.SECRET;

	/** The default of {@code apigw.websocket.inbound.max-body-size}: 128 KB plus 8 KB. */
	static final int MAX_BODY_SIZE = 136 * 1024;

	/** How long "nothing was published" is watched for. */
	private static final Duration ABSENCE_WINDOW = Duration.ofMillis(300);

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private InboundEventsRecorder recorder;

	@Autowired
	private ConnectionRegistry registry;

	@Test
	void connectPublishesEventWithQueryAndHeadersThenRegisters() throws Exception {
		Map<String, String> headers = integrationHeaders("Abc=", "$connect", "CONNECT");
		headers.put("requestTimeEpoch", "1700000000000");
		headers.put("Authorization", "Bearer token-1");
		HttpResponse<String> response = post("?user=ann%20lee&room=a&room=b", headers, "");
		assertThat(response.statusCode()).isEqualTo(200);
		WebSocketConnectEvent event = single(WebSocketConnectEvent.class, "Abc=");
		assertThat(event.queryParameter("user")).isEqualTo("ann lee");
		assertThat(event.queryParameters()).containsEntry("room", List.of("a", "b"));
		assertThat(event.header("authorization")).isEqualTo("Bearer token-1");
		assertThat(event.header("X-Apigw-Secret")).as("the secret is not handed to listeners").isNull();
		assertThat(event.time()).isEqualTo(Instant.ofEpochMilli(1700000000000L));
		assertThat(this.registry.contains("Abc=")).isTrue();
	}

	@Test
	void connectRejectedByListenerAnswersItsStatusAndDoesNotRegister() throws Exception {
		HttpResponse<String> response = post("?token=" + InboundEventsRecorder.REJECTED_TOKEN,
				integrationHeaders("Rej=", "$connect", "CONNECT"), "");
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("invalid token");
		assertNotRegistered("Rej=");
	}

	@Test
	void connectRejectedByListenerUndoesRegistrationOfAnEarlierListener() throws Exception {
		this.registry.register("Undo=", Map.of("user", "mallory"));
		HttpResponse<String> response = post("?token=" + InboundEventsRecorder.REJECTED_TOKEN,
				integrationHeaders("Undo=", "$connect", "CONNECT"), "");
		assertThat(response.statusCode()).isEqualTo(401);
		assertNotRegistered("Undo=");
	}

	@Test
	void connectListenerFailureFailsClosed() throws Exception {
		HttpResponse<String> response = post("?token=" + InboundEventsRecorder.FAILING_TOKEN,
				integrationHeaders("Bug=", "$connect", "CONNECT"), "");
		assertThat(response.statusCode()).isEqualTo(500);
		assertNotRegistered("Bug=");
	}

	@Test
	void connectKeepsRegistrationMadeByListener() throws Exception {
		this.registry.register("Pre=", Map.of("user", "ann"));
		assertThat(post("", integrationHeaders("Pre=", "$connect", "CONNECT"), "").statusCode()).isEqualTo(200);
		assertThat(this.registry.attributes("Pre=")).contains(Map.of("user", "ann"));
	}

	@Test
	void messagePublishesRouteKeyAndUtf8Body() throws Exception {
		String body = "{\"action\":\"sendmessage\",\"text\":\"gr\u00fc\u00df dich \u2603\"}";
		HttpResponse<String> response = post("", integrationHeaders("Msg=", "sendmessage", "MESSAGE"), body);
		assertThat(response.statusCode()).isEqualTo(200);
		WebSocketMessageEvent event = single(WebSocketMessageEvent.class, "Msg=");
		assertThat(event.routeKey()).isEqualTo("sendmessage");
		assertThat(event.body()).isEqualTo(body);
	}

	@Test
	void disconnectRemovesRegistrationThenPublishesWithItsAttributes() throws Exception {
		this.registry.register("Bye=", Map.of("user", "bob"));
		Map<String, String> headers = integrationHeaders("Bye=", "$disconnect", "DISCONNECT");
		headers.put("disconnectStatusCode", "1001");
		headers.put("disconnectReason", "Going away");
		assertThat(post("", headers, "").statusCode()).isEqualTo(200);
		WebSocketDisconnectEvent event = single(WebSocketDisconnectEvent.class, "Bye=");
		assertThat(event.statusCode()).isEqualTo(1001);
		assertThat(event.reason()).isEqualTo("Going away");
		assertThat(event.attributes()).containsEntry("user", "bob");
		assertThat(this.registry.contains("Bye=")).isFalse();
	}

	@Test
	void disconnectWithoutStatusUsesNoStatusCode() throws Exception {
		assertThat(post("", integrationHeaders("Nos=", "$disconnect", "DISCONNECT"), "").statusCode()).isEqualTo(200);
		WebSocketDisconnectEvent event = single(WebSocketDisconnectEvent.class, "Nos=");
		assertThat(event.statusCode()).isEqualTo(WebSocketDisconnectEvent.NO_STATUS_CODE);
		assertThat(event.reason()).isNull();
		assertThat(event.attributes()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "CONNECT", "MESSAGE", "DISCONNECT" })
	void forgedEventWithWrongOrMissingSecretIsForbiddenAndChangesNothing(String eventType) throws Exception {
		String connectionId = "Forged" + eventType + "=";
		this.registry.register("Live=", Map.of("user", "ann"));
		for (String id : List.of(connectionId, "Live=")) {
			Map<String, String> wrong = integrationHeaders(id, "$default", eventType);
			wrong.put("X-Apigw-Secret", SECRET + "x");
			Map<String, String> missing = integrationHeaders(id, "$default", eventType);
			missing.remove("X-Apigw-Secret");
			assertThat(post("", wrong, "forged").statusCode()).isEqualTo(403);
			assertThat(post("", missing, "forged").statusCode()).isEqualTo(403);
		}
		assertNoEventFor(connectionId);
		assertNoEventFor("Live=");
		assertNotRegistered(connectionId);
		assertThat(this.registry.contains("Live=")).as("a forged disconnect unregisters nothing").isTrue();
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void floodOfForgedRequestsIsAnsweredEveryTimeAndLoggedInAFewLines(CapturedOutput output) throws Exception {
		int requests = 50;
		Map<String, String> forged = integrationHeaders("Flood=", "$default", "MESSAGE");
		forged.put("X-Apigw-Secret", SECRET + "x");
		for (int i = 0; i < requests; i++) {
			assertThat(post("", forged, "forged").statusCode()).isEqualTo(403);
		}
		assertNoEventFor("Flood=");
		// one line per 10 s at most (an earlier test of this context may have written
		// the line of the current interval)
		long lines = output.getOut()
			.lines()
			.filter((line) -> line.contains("Refused an inbound request with 403"))
			.count();
		assertThat(lines).as("WARN lines for %d forged requests", requests).isLessThanOrEqualTo(5);
	}

	@ParameterizedTest
	@ValueSource(strings = { "connectionId", "routeKey", "eventType" })
	void missingMappedHeaderNamesTheMappingToAdd(String header) throws Exception {
		Map<String, String> headers = integrationHeaders("Unmapped=", "$default", "MESSAGE");
		headers.remove(header);
		HttpResponse<String> response = post("", headers, "hi");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body())
			.contains("integration.request.header." + header + " = context." + header + " in the route's integration");
		assertNoEventFor("Unmapped=");
	}

	@ParameterizedTest
	@CsvSource({ "connectionId, Dup1=, Dup2=", "eventType, MESSAGE, MESSAGE" })
	void headerSentTwiceIsBadRequestNamingIt(String header, String first, String second) throws Exception {
		Map<String, String> headers = integrationHeaders("Dup1=", "$default", "MESSAGE");
		headers.remove(header);
		HttpRequest.Builder request = request("", "hi").header(header, first).header(header, second);
		headers.forEach(request::header);
		HttpResponse<String> response = send(request);
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("'" + header + "'", "more than one value");
		assertNoEventFor("Dup1=");
		assertNoEventFor("Dup2=");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "connectionId|Dup1=, Dup2=", "eventType|MESSAGE, DISCONNECT" })
	void commaJoinedHeaderIsBadRequestNamingIt(String header, String value) throws Exception {
		Map<String, String> headers = integrationHeaders("Dup1=", "$default", "MESSAGE");
		headers.put(header, value);
		HttpResponse<String> response = post("", headers, "hi");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("'" + header + "'", "more than one value");
		assertNoEventFor("Dup1=");
		assertNoEventFor("Dup1=, Dup2=");
	}

	@Test
	void bodyOfTheMaximumSizeIsPublished() throws Exception {
		String body = "a".repeat(MAX_BODY_SIZE);
		assertThat(post("", integrationHeaders("Max=", "$default", "MESSAGE"), body).statusCode()).isEqualTo(200);
		assertThat(single(WebSocketMessageEvent.class, "Max=").body()).isEqualTo(body);
	}

	@Test
	void chunkedBodyOfTheMaximumSizeIsPublished() throws Exception {
		HttpResponse<String> response = postChunked(integrationHeaders("MaxChunked=", "$default", "MESSAGE"),
				MAX_BODY_SIZE);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(single(WebSocketMessageEvent.class, "MaxChunked=").body()).hasSize(MAX_BODY_SIZE);
	}

	@Test
	void bodyOverTheMaximumSizeIsRefusedWith413() throws Exception {
		HttpResponse<String> response = post("", integrationHeaders("Big=", "$default", "MESSAGE"),
				"a".repeat(MAX_BODY_SIZE + 1));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("apigw.websocket.inbound.max-body-size");
		assertNoEventFor("Big=");
	}

	@Test
	void chunkedBodyOverTheMaximumSizeIsRefusedWith413() throws Exception {
		HttpResponse<String> response = postChunked(integrationHeaders("BigChunked=", "$default", "MESSAGE"),
				MAX_BODY_SIZE + 1);
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(response.body()).contains("apigw.websocket.inbound.max-body-size");
		assertNoEventFor("BigChunked=");
	}

	@Test
	void declaredBodyOverTheMaximumSizeIsRefusedBeforeItIsSent() throws Exception {
		// 400 MB announced, not a byte sent: an answer proves the body was never read
		String response = exchangeRaw("Content-Length: 419430400\r\n",
				integrationHeaders("Huge=", "$default", "MESSAGE"), (out) -> {
				});
		assertThat(response).startsWith("HTTP/1.1 413");
		assertNoEventFor("Huge=");
	}

	@Test
	void chunkedBodyIsRefusedWith413AsSoonAsItExceedsTheMaximumSize() throws Exception {
		// the last chunk never comes: an answer proves the body was bounded while it was
		// read
		String response = exchangeRaw("Transfer-Encoding: chunked\r\n",
				integrationHeaders("Endless=", "$default", "MESSAGE"), (out) -> {
					byte[] chunk = new byte[8192];
					Arrays.fill(chunk, (byte) 'a');
					for (int sent = 0; sent <= MAX_BODY_SIZE; sent += chunk.length) {
						out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
						out.write(chunk);
						out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
					}
					out.flush();
				});
		assertThat(response).startsWith("HTTP/1.1 413");
		assertNoEventFor("Endless=");
	}

	@Test
	void unknownEventTypeIsBadRequest() throws Exception {
		HttpResponse<String> response = post("", integrationHeaders("Odd=", "$default", "UPGRADE"), "");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("'UPGRADE'", "CONNECT, MESSAGE or DISCONNECT");
	}

	private <T> T single(Class<T> type, String connectionId) {
		return this.recorder.events(type)
			.stream()
			.filter((event) -> connectionId.equals(connectionIdOf(event)))
			.reduce((a, b) -> {
				throw new AssertionError("More than one " + type.getSimpleName() + " for " + connectionId);
			})
			.orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " for " + connectionId));
	}

	private void assertNoEventFor(String connectionId) {
		await().during(ABSENCE_WINDOW)
			.atMost(ABSENCE_WINDOW.plusSeconds(5))
			.until(() -> this.recorder.events(Object.class)
				.stream()
				.noneMatch((event) -> connectionId.equals(connectionIdOf(event))));
	}

	private void assertNotRegistered(String connectionId) {
		await().during(ABSENCE_WINDOW)
			.atMost(ABSENCE_WINDOW.plusSeconds(5))
			.until(() -> !this.registry.contains(connectionId));
	}

	private static String connectionIdOf(Object event) {
		if (event instanceof WebSocketConnectEvent connect) {
			return connect.connectionId();
		}
		if (event instanceof WebSocketMessageEvent message) {
			return message.connectionId();
		}
		if (event instanceof WebSocketConnectionGoneEvent gone) {
			return gone.connectionId();
		}
		return ((WebSocketDisconnectEvent) event).connectionId();
	}

	private static Map<String, String> integrationHeaders(String connectionId, String routeKey, String eventType) {
		Map<String, String> headers = new LinkedHashMap<>();
		headers.put("connectionId", connectionId);
		headers.put("routeKey", routeKey);
		headers.put("eventType", eventType);
		headers.put("X-Apigw-Secret", SECRET);
		return headers;
	}

	private HttpResponse<String> post(String query, Map<String, String> headers, String body)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = request(query, body);
		headers.forEach(request::header);
		return send(request);
	}

	/**
	 * Post a body of unknown length, which the client sends chunked.
	 */
	private HttpResponse<String> postChunked(Map<String, String> headers, int size)
			throws IOException, InterruptedException {
		byte[] body = new byte[size];
		Arrays.fill(body, (byte) 'a');
		HttpRequest.Builder request = HttpRequest.newBuilder(endpoint(""))
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
		headers.forEach(request::header);
		return send(request);
	}

	private HttpRequest.Builder request(String query, String body) {
		return HttpRequest.newBuilder(endpoint(query))
			.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI endpoint(String query) {
		return URI.create("http://127.0.0.1:" + this.port + "/apigw/websocket" + query);
	}

	/**
	 * Send a request over a plain socket, for what {@link HttpClient} does not let a test
	 * do (announce a body it never sends, or stop in the middle of a chunked one), and
	 * return the response's head.
	 */
	private String exchangeRaw(String framing, Map<String, String> headers, BodyWriter body) throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			socket.setSoTimeout(10_000);
			StringBuilder head = new StringBuilder(
					"POST /apigw/websocket HTTP/1.1\r\nHost: 127.0.0.1:" + this.port + "\r\n" + framing);
			headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
			head.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
			out.flush();
			body.write(out);
			InputStream in = socket.getInputStream();
			byte[] status = in.readNBytes("HTTP/1.1 413".length());
			return new String(status, StandardCharsets.US_ASCII);
		}
	}

	@FunctionalInterface
	private interface BodyWriter {

		void write(OutputStream out) throws IOException;

	}

}
