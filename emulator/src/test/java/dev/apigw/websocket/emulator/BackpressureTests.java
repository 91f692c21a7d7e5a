package dev.apigw.websocket.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import dev.apigw.websocket.testfixture.ManagementApiTestClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.LimitExceededException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What one client can make the emulator hold: messages waiting for a slow integration,
 * answers waiting for a client that does not read. The emulator stops reading from such a
 * client, or refuses posts to it with 429, and keeps answering everyone else.
 */
class BackpressureTests {

	private static final int MESSAGE_BYTES = 128 * 1024;

	private final ExecutorService senders = Executors.newCachedThreadPool();

	private final CountDownLatch integrationReleased = new CountDownLatch(1);

	private final List<String> handled = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.integrationReleased.countDown();
		this.senders.shutdownNow();
	}

	/**
	 * An integration that takes nothing until released, then records each message's
	 * label.
	 */
	private RouteIntegration stalledIntegration() {
		return RouteIntegration.handler((request) -> {
			this.integrationReleased.await();
			String body = request.bodyAsString();
			this.handled.add(body.substring(0, body.indexOf(':')));
			return RouteResponse.ok();
		});
	}

	@Test
	void clientWhoseIntegrationIsBehindIsNotReadAndTheEmulatorStaysResponsive() throws Exception {
		// more than the kernel buffers on loopback hold, so that the client sends only as
		// it is read
		int messages = 60;
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder()
			.maxPendingMessages(4)
			.route("$default", stalledIntegration())
			.start();
				ApiGatewayManagementApiClient sdk = ManagementApiTestClients.client(emulator.managementEndpoint());
				RawFrameClient greedy = new RawFrameClient(emulator)) {
			await().until(() -> emulator.connections().size() == 1);
			String id = emulator.connections().get(0).id();
			LiveConnection live = emulator.context().connections().get(id);
			Future<?> sending = this.senders.submit(() -> sendLabelled(greedy, "g", messages));
			await().until(() -> live.pendingMessages() >= 4);
			// one more message may complete from bytes read before reading stopped
			await().during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> live.pendingMessages() <= 5);
			assertThat(sending).isNotDone();
			assertThat(emulator.context().pendingMessages().bytes()).isLessThanOrEqualTo(5L * MESSAGE_BYTES);

			CompletableFuture<String> management = CompletableFuture
				.supplyAsync(() -> sdk.getConnection((request) -> request.connectionId(id)).identity().sourceIp());
			await().atMost(Duration.ofSeconds(1)).until(management::isDone);
			assertThat(management).isCompletedWithValue("127.0.0.1");
			try (WebSocketTestClient other = WebSocketTestClient.connect(emulator)) {
				await().atMost(Duration.ofSeconds(1)).until(() -> emulator.connections().size() == 2);
			}

			this.integrationReleased.countDown();
			sending.get();
			await().until(() -> this.handled.size() == messages);
			assertThat(this.handled).containsExactlyElementsOf(labels("g", messages));
			await().until(() -> emulator.context().pendingMessages().bytes() == 0);
		}
	}

	@Test
	void messagesWaitingAcrossConnectionsAreBoundedToo() throws Exception {
		// more than the kernel buffers on loopback hold, so that a client sends only as
		// it is read
		int messages = 60;
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder()
			.maxPendingMessageBytes(4L * MESSAGE_BYTES)
			.route("$default", stalledIntegration())
			.start();
				RawFrameClient first = new RawFrameClient(emulator);
				RawFrameClient second = new RawFrameClient(emulator)) {
			await().until(() -> emulator.connections().size() == 2);
			List<Future<?>> sending = List.of(this.senders.submit(() -> sendLabelled(first, "a", messages)),
					this.senders.submit(() -> sendLabelled(second, "b", messages)));
			await().until(() -> emulator.context().pendingMessages().bytes() >= 4L * MESSAGE_BYTES);
			// each connection may complete one more message from bytes read before
			// reading stopped
			await().during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> emulator.context().pendingMessages().bytes() <= 6L * MESSAGE_BYTES);
			assertThat(sending).noneMatch(Future::isDone);

			this.integrationReleased.countDown();
			for (Future<?> send : sending) {
				send.get();
			}
			await().until(() -> this.handled.size() == 2 * messages);
			assertThat(this.handled.stream().filter((label) -> label.startsWith("a")))
				.containsExactlyElementsOf(labels("a", messages));
			assertThat(this.handled.stream().filter((label) -> label.startsWith("b")))
				.containsExactlyElementsOf(labels("b", messages));
		}
	}

	@Test
	void postsToAClientThatStopsReadingAreRefusedWith429AndNothingAcceptedIsLost() {
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder().throttlingDisabled().start();
				ApiGatewayManagementApiClient sdk = ManagementApiTestClients.client(emulator.managementEndpoint());
				WebSocketTestClient slow = WebSocketTestClient.connectWithoutReading(emulator.webSocketUri())) {
			await().until(() -> emulator.connections().size() == 1);
			String id = emulator.connections().get(0).id();
			byte[] data = new byte[MESSAGE_BYTES];
			Arrays.fill(data, (byte) 'p');
			int accepted = 0;
			LimitExceededException refused = null;
			// kernel buffers on loopback hold a few MB, the emulator 1 MB more: 400 posts
			// are 50 MB
			for (int i = 0; i < 400 && refused == null; i++) {
				try {
					sdk.postToConnection((request) -> request.connectionId(id).data(SdkBytes.fromByteArray(data)));
					accepted++;
				}
				catch (LimitExceededException ex) {
					refused = ex;
				}
			}
			assertThat(refused).isNotNull();
			assertThat(refused.statusCode()).isEqualTo(429);
			assertThat(refused.awsErrorDetails().errorMessage()).contains("WebSocket buffer is full");

			slow.startReading();
			int expected = accepted;
			await().until(() -> slow.messages().size() == expected);
			await().during(Duration.ofMillis(300)).until(() -> slow.messages().size() == expected);
			assertThat(slow.messages()).allSatisfy((message) -> assertThat(message).hasSize(MESSAGE_BYTES));
			assertThat(slow.binaryMessages()).isEmpty();
			ManagementApiTestClients.post(sdk, id, "after catching up");
			assertThat(slow.awaitMessages(expected + 1).get(expected)).isEqualTo("after catching up");
		}
	}

	@Test
	void clientThatSendsButDoesNotReadItsAnswersIsNotReadEither() throws Exception {
		int messages = 400;
		List<Integer> echoed = new CopyOnWriteArrayList<>();
		try (WebSocketApiEmulator emulator = WebSocketApiEmulator.builder()
			.route("$default", RouteIntegration.handler((request) -> {
				echoed.add(request.body().length);
				return RouteResponse.ok(request.bodyAsString());
			}).withRouteResponse())
			.start(); RawFrameClient deaf = new RawFrameClient(emulator, "", 16 * 1024)) {
			await().until(() -> emulator.connections().size() == 1);
			byte[] message = new byte[32 * 1024 - 1];
			Arrays.fill(message, (byte) 'e');
			Future<?> sending = this.senders.submit(() -> {
				for (int i = 0; i < messages; i++) {
					deaf.sendMessage(RawFrameClient.TEXT, message);
				}
				return null;
			});
			// answers fill the kernel buffers, then 1 MB in the emulator; then it reads
			// no more
			await().atMost(Duration.ofSeconds(10))
				.until(() -> !emulator.context()
					.connections()
					.get(emulator.connections().get(0).id())
					.channel()
					.isWritable());
			int[] previous = { -1 };
			await().pollInterval(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(() -> {
				int now = echoed.size();
				boolean settled = now == previous[0];
				previous[0] = now;
				return settled;
			});
			int whileDeaf = echoed.size();
			await().during(Duration.ofMillis(500)).until(() -> echoed.size() == whileDeaf);
			assertThat(whileDeaf).isLessThan(messages);

			for (int i = 0; i < messages; i++) {
				assertThat(deaf.readMessage()).hasSize(message.length);
			}
			sending.get();
			assertThat(echoed).hasSize(messages);
		}
	}

	private static Void sendLabelled(RawFrameClient client, String prefix, int count) throws Exception {
		for (String label : labels(prefix, count)) {
			byte[] data = new byte[MESSAGE_BYTES];
			Arrays.fill(data, (byte) 'x');
			byte[] head = (label + ":").getBytes(StandardCharsets.US_ASCII);
			System.arraycopy(head, 0, data, 0, head.length);
			client.sendMessage(RawFrameClient.TEXT, data);
		}
		return null;
	}

	private static List<String> labels(String prefix, int count) {
		return new ArrayList<>(IntStream.range(0, count).mapToObj((i) -> prefix + i).toList());
	}

}
