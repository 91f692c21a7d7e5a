package dev.apigw.websocket.emulator;

import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.apigw.websocket.testfixture.ManagementApiTestClients;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Limits of the HTTP side, with raw sockets and lowered settings: request and idle
 * timeouts, the number of connections, the request bytes buffered across connections,
 * oversized bodies. What is refused is answered where HTTP allows it, in the AWS wire
 * format, and logged.
 */
class HttpLimitsTests {

	private static final String UNKNOWN_ID = "AAAAAAAAAAAAAAA%3D";

	@Test
	void connectionsThatSendNothingAreClosedAfterTheRequestTimeout() {
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder()
			.httpRequestTimeout(Duration.ofMillis(300))
			.start(); LogCapture log = new LogCapture()) {
			List<RawHttpConnection> idle = IntStream.range(0, 20)
				.mapToObj((i) -> new RawHttpConnection(emulator))
				.toList();
			try {
				assertThat(idle).allMatch(RawHttpConnection::isClosedByServer);
				assertThat(log.messages)
					.anyMatch((message) -> message.contains("no request arrived within PT0.3S (httpRequestTimeout)"));
			}
			finally {
				idle.forEach(RawHttpConnection::close);
			}
		}
	}

	@Test
	void partlySentRequestsAreAnswered408() {
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder()
			.httpRequestTimeout(Duration.ofMillis(300))
			.start();
				RawHttpConnection slowBody = new RawHttpConnection(emulator);
				RawHttpConnection slowHeaders = new RawHttpConnection(emulator)) {
			slowBody.send(
					RawHttpConnection.head("POST", "/local/@connections/" + UNKNOWN_ID, emulator, "Content-Length: 100")
							+ "only ten b");
			slowHeaders.send("GET /local HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n");
			for (RawHttpConnection connection : List.of(slowBody, slowHeaders)) {
				RawHttpConnection.Response response = connection.readResponse();
				assertThat(response.status()).isEqualTo(408);
				assertThat(response.header("x-amzn-ErrorType")).isEqualTo("RequestTimeoutException");
				assertThat(response.body()).contains("httpRequestTimeout");
				assertThat(connection.isClosedByServer()).isTrue();
			}
		}
	}

	@Test
	void idleKeepAliveConnectionIsClosedAfterTheIdleTimeout() {
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder()
			.httpIdleTimeout(Duration.ofMillis(300))
			.start(); RawHttpConnection connection = new RawHttpConnection(emulator)) {
			connection.send(RawHttpConnection.head("GET", "/local/@connections/" + UNKNOWN_ID, emulator));
			assertThat(connection.readResponse().status()).isEqualTo(410);
			assertThat(connection.isClosedByServer()).isTrue();
		}
	}

	@Test
	void connectionsOverTheLimitAreAnswered503AndServiceResumesBelowIt() {
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder().maxConnections(5).start();
				LogCapture log = new LogCapture()) {
			List<RawHttpConnection> held = new ArrayList<>(
					IntStream.range(0, 5).mapToObj((i) -> new RawHttpConnection(emulator)).toList());
			try {
				await().until(() -> emulator.context().connectionLimit().open() == 5);
				try (RawHttpConnection over = new RawHttpConnection(emulator)) {
					over.send(RawHttpConnection.head("GET", "/local/@connections/" + UNKNOWN_ID, emulator));
					RawHttpConnection.Response response = over.readResponse();
					assertThat(response.status()).isEqualTo(503);
					assertThat(response.header("x-amzn-ErrorType")).isEqualTo("ServiceUnavailableException");
					assertThat(response.header("Connection")).isEqualTo("close");
					assertThat(response.body()).contains("maxConnections");
					assertThat(over.isClosedByServer()).isTrue();
				}
				assertThatIllegalStateException().isThrownBy(() -> WebSocketTestClient.connect(emulator).close())
					.havingCause()
					.isInstanceOfSatisfying(WebSocketHandshakeException.class,
							(ex) -> assertThat(ex.getResponse().statusCode()).isEqualTo(503));
				assertThat(log.messages).anyMatch((message) -> message.contains("the limit is 5 (maxConnections)"));

				held.remove(0).close();
				held.remove(0).close();
				try (ApiGatewayManagementApiClient sdk = ManagementApiTestClients
					.client(emulator.managementEndpoint())) {
					await().atMost(Duration.ofSeconds(5))
						.ignoreExceptionsMatching((ex) -> !(ex instanceof GoneException))
						.untilAsserted(() -> assertThatExceptionOfType(GoneException.class)
							.isThrownBy(() -> ManagementApiTestClients.post(sdk, "AAAAAAAAAAAAAAA=", "x")));
				}
			}
			finally {
				held.forEach(RawHttpConnection::close);
			}
		}
	}

	@Test
	void requestBodiesOverTheBufferLimitAreAnswered503Promptly() {
		int megabyte = 1024 * 1024;
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder()
			.maxRequestBufferBytes(megabyte)
			.httpRequestTimeout(Duration.ofSeconds(1))
			.start(); LogCapture log = new LogCapture(); RawHttpConnection stalled = new RawHttpConnection(emulator)) {
			String path = "/local/@connections/" + UNKNOWN_ID;
			// announces 1 MB, sends a little and stalls: its body holds the whole budget
			stalled
				.send(RawHttpConnection.head("POST", path, emulator, "Content-Length: " + megabyte) + "x".repeat(1000));
			await().until(() -> emulator.context().requestBuffer().reserved() == megabyte);
			try (RawHttpConnection small = new RawHttpConnection(emulator)) {
				small.send(RawHttpConnection.head("POST", path, emulator, "Content-Length: 5") + "hello");
				RawHttpConnection.Response refused = small.readResponse();
				assertThat(refused.status()).isEqualTo(503);
				assertThat(refused.header("x-amzn-ErrorType")).isEqualTo("ServiceUnavailableException");
				assertThat(refused.header("Retry-After")).isEqualTo("1");
				assertThat(refused.body()).contains("maxRequestBufferBytes");
				assertThat(log.messages).anyMatch((message) -> message.contains("(maxRequestBufferBytes)"));

				// the stalled body times out, which frees the budget; the same connection
				// carries on
				assertThat(stalled.readResponse().status()).isEqualTo(408);
				await().until(() -> emulator.context().requestBuffer().reserved() == 0);
				small.send(RawHttpConnection.head("POST", path, emulator, "Content-Length: 5") + "hello");
				assertThat(small.readResponse().status()).isEqualTo(410);
			}
		}
	}

	@Test
	void chunkedBodyThatStopsFittingTheBufferIsAnswered503AndItsConnectionClosed() {
		int megabyte = 1024 * 1024;
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder().maxRequestBufferBytes(megabyte).start();
				RawHttpConnection stalled = new RawHttpConnection(emulator);
				RawHttpConnection chunked = new RawHttpConnection(emulator)) {
			String path = "/local/@connections/" + UNKNOWN_ID;
			stalled.send(RawHttpConnection.head("POST", path, emulator, "Content-Length: " + megabyte) + "x");
			await().until(() -> emulator.context().requestBuffer().reserved() == megabyte);
			chunked.send(RawHttpConnection.head("POST", path, emulator, "Transfer-Encoding: chunked")
					+ "a\r\n0123456789\r\n");
			RawHttpConnection.Response refused = chunked.readResponse();
			assertThat(refused.status()).isEqualTo(503);
			assertThat(refused.header("Connection")).isEqualTo("close");
			// the rest of the body is read and dropped, then the connection closed
			chunked.send("5\r\nabcde\r\n0\r\n\r\n");
			assertThat(chunked.isClosedByServer()).isTrue();
		}
	}

	@Test
	void requestHeadOverTheHeaderLimitIsBadRequest() {
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder().start();
				RawHttpConnection connection = new RawHttpConnection(emulator)) {
			connection.send(RawHttpConnection.head("GET", "/local/@connections/" + UNKNOWN_ID, emulator,
					"X-Large: " + "y".repeat(9000)));
			RawHttpConnection.Response response = connection.readResponse();
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.header("x-amzn-ErrorType")).isEqualTo("BadRequestException");
			assertThat(connection.isClosedByServer()).isTrue();
		}
	}

	@Test
	void expectContinueForAnOversizedBodyIsPayloadTooLargeInTheAwsFormat() {
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder().start();
				RawHttpConnection connection = new RawHttpConnection(emulator)) {
			connection.send(RawHttpConnection.head("POST", "/local/@connections/" + UNKNOWN_ID, emulator,
					"Content-Length: 2000000", "Expect: 100-continue"));
			RawHttpConnection.Response response = connection.readResponse();
			assertThat(response.status()).isEqualTo(413);
			assertThat(response.header("x-amzn-ErrorType")).isEqualTo("PayloadTooLargeException");
			assertThat(response.body()).contains("Data must be at most 131072 bytes but was 2000000");
			assertThat(connection.isClosedByServer()).isTrue();
		}
	}

	@Test
	void oversizedBodyIsReadToItsEndSoTheClientGetsTheAnswer() {
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder().start();
				RawHttpConnection connection = new RawHttpConnection(emulator)) {
			int length = 3 * 1024 * 1024;
			connection.send(RawHttpConnection.head("POST", "/local/@connections/" + UNKNOWN_ID, emulator,
					"Content-Length: " + length));
			// the whole body goes out before the answer is read, as blocking HTTP clients
			// do
			connection.send(new byte[length]);
			RawHttpConnection.Response response = connection.readResponse();
			assertThat(response.status()).isEqualTo(413);
			assertThat(response.header("x-amzn-ErrorType")).isEqualTo("PayloadTooLargeException");
			connection.send(RawHttpConnection.head("GET", "/local/@connections/" + UNKNOWN_ID, emulator));
			assertThat(connection.readResponse().status()).isEqualTo(410);
		}
	}

}
