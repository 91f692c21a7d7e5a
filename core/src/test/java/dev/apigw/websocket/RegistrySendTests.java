package dev.apigw.websocket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.apigw.websocket.registry.ConnectionLifecycle;
import dev.apigw.websocket.registry.ConnectionRegistry;
import dev.apigw.websocket.registry.ConnectionRegistryException;
import dev.apigw.websocket.registry.InMemoryConnectionRegistry;

import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Sends to a user, a group and every registered connection through the real SDK clients
 * against a local stub server, with an in-memory registry.
 */
class RegistrySendTests {

	@RegisterExtension
	static final ManagementApiExtension api = new ManagementApiExtension();

	private final InMemoryConnectionRegistry registry = new InMemoryConnectionRegistry();

	private WebSocketConnectionTemplate template;

	@BeforeEach
	void setUp() {
		api.server().stubFor(post(anyUrl()).willReturn(ManagementApiStubs.ok()));
		this.template = api.templateBuilder()
			.connectionRegistry(this.registry)
			.connectionLifecycle(new ConnectionLifecycle(this.registry, Duration.ZERO, null))
			.build();
		this.registry.register("a1", "ada", Map.of(), Set.of("lobby", "news"));
		this.registry.register("a2", "ada", Map.of(), Set.of("news"));
		this.registry.register("b1", "bob", Map.of(), Set.of("lobby"));
		this.registry.register("c1", Map.of());
	}

	@Test
	void sendToGroupPostsToEveryMemberAndNoOneElse() {
		BroadcastResult result = this.template.sendToGroup("lobby", "hello lobby");

		assertThat(result.delivered()).containsExactlyInAnyOrder("a1", "b1");
		assertThat(result.total()).isEqualTo(2);
		assertPostedExactlyTo(Set.of("a1", "b1"));
		api.server().verify(2, postRequestedFor(anyUrl()).withRequestBody(equalTo("hello lobby")));
	}

	@Test
	void sendToUserPostsToEveryConnectionOfTheUser() {
		BroadcastResult result = this.template.sendToUser("ada", "hi ada".getBytes(StandardCharsets.UTF_8));

		assertThat(result.failed()).isEmpty();
		assertThat(result.delivered()).containsExactlyInAnyOrder("a1", "a2");
		assertPostedExactlyTo(Set.of("a1", "a2"));
		api.server()
			.verify(2, postRequestedFor(anyUrl())
				.withRequestBody(binaryEqualTo("hi ada".getBytes(StandardCharsets.UTF_8))));
	}

	@Test
	void sendToAllPostsToEveryRegisteredConnection() {
		BroadcastResult result = this.template.sendJsonToAll(Map.of("notice", "maintenance"));

		assertThat(result.delivered()).containsExactlyInAnyOrder("a1", "a2", "b1", "c1");
		assertPostedExactlyTo(Set.of("a1", "a2", "b1", "c1"));
		api.server().verify(4, postRequestedFor(anyUrl()).withRequestBody(equalToJson("{\"notice\":\"maintenance\"}")));
	}

	@Test
	void asyncVariantsCompleteWithTheSameResult() {
		CompletableFuture<BroadcastResult> group = this.template.sendJsonToGroupAsync("news", Map.of("n", 1));
		CompletableFuture<BroadcastResult> user = this.template.sendToUserAsync("bob", "hi bob");
		CompletableFuture<BroadcastResult> all = this.template.sendToAllAsync("all".getBytes(StandardCharsets.UTF_8));

		assertThat(group.join().delivered()).containsExactlyInAnyOrder("a1", "a2");
		assertThat(user.join().delivered()).containsExactly("b1");
		assertThat(all.join().delivered()).containsExactlyInAnyOrder("a1", "a2", "b1", "c1");
	}

	@Test
	void unknownGroupOrUserIsAnEmptyResultWithoutAnyCall() {
		assertThat(this.template.sendToGroup("nobody-here", "x").total()).isZero();
		assertThat(this.template.sendJsonToUser("nobody", Map.of()).total()).isZero();
		api.server().verify(0, postRequestedFor(anyUrl()));
	}

	@Test
	void goneMemberIsPrunedAndLeavesAllItsGroups() {
		api.server()
			.stubFor(post(urlEqualTo(ManagementApiStubs.CONNECTIONS_PATH + "a1"))
				.willReturn(ManagementApiStubs.error(410, "GoneException")));

		BroadcastResult result = this.template.sendToGroup("lobby", "hello");

		assertThat(result.gone()).containsExactly("a1");
		assertThat(result.delivered()).containsExactly("b1");
		assertThat(this.registry.contains("a1")).isFalse();
		assertThat(this.registry.groupMembers("lobby")).containsExactly("b1");
		assertThat(this.registry.groupMembers("news")).containsExactly("a2");
		assertThat(this.registry.userConnections("ada")).containsExactly("a2");
		assertThat(api.clients().goneEvents).singleElement()
			.satisfies((event) -> assertThat(event.connectionId()).isEqualTo("a1"));
	}

	@Test
	void withoutRegistryFailsAtOnceNamingTheProperty() {
		WebSocketConnectionTemplate withoutRegistry = api.templateBuilder().build();
		assertThatIllegalStateException().isThrownBy(() -> withoutRegistry.sendToGroup("lobby", "x"))
			.withMessageContaining("'apigw.websocket.registry.type'")
			.withMessageContaining("the members of group 'lobby'")
			.withMessageContaining("builder().connectionRegistry(...)");
		assertThatIllegalStateException().isThrownBy(() -> withoutRegistry.sendToUserAsync("ada", "x"))
			.withMessageContaining("'apigw.websocket.registry.type'");
		assertThatIllegalStateException().isThrownBy(() -> withoutRegistry.sendJsonToAllAsync(Map.of()))
			.withMessageContaining("'apigw.websocket.registry.type'");
		api.server().verify(0, postRequestedFor(anyUrl()));
	}

	@Test
	void blankNamesAndNullPayloadsAreRejectedBeforeAnyLookup() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.sendToGroup(" ", "x"))
			.withMessage("'groupName' must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.sendToUserAsync("", "x"))
			.withMessage("'userId' must not be blank");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.sendToAll((String) null))
			.withMessage("'message' must not be null");
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.template.sendToGroup("lobby", new byte[WebSocketConnectionTemplate.MAX_PAYLOAD_BYTES + 1]))
			.withMessageContaining("more than the 131072 bytes");
		api.server().verify(0, postRequestedFor(anyUrl()));
	}

	@Test
	void lookupFailureIsAConnectionRegistryExceptionNamingStoreAndOperationAndSendsNothing() {
		FailingLookups failing = new FailingLookups(this.registry);
		WebSocketConnectionTemplate template = api.templateBuilder().connectionRegistry(failing).build();

		assertThatExceptionOfType(ConnectionRegistryException.class)
			.isThrownBy(() -> template.sendToGroup("lobby", "x"))
			.satisfies((ex) -> {
				assertThat(ex.getStore()).isEqualTo("FailingLookups");
				assertThat(ex.getOperation()).isEqualTo("look up group members");
				assertThat(ex).hasMessageContaining("store unreachable");
			});
		CompletableFuture<BroadcastResult> async = template.sendToUserAsync("ada", "x");
		assertThat(async).failsWithin(Duration.ofSeconds(5))
			.withThrowableThat()
			.havingCause()
			.isInstanceOfSatisfying(ConnectionRegistryException.class,
					(ex) -> assertThat(ex.getOperation()).isEqualTo("look up user connections"));
		// a registry's own exception is passed on as it is
		failing.failure = new ConnectionRegistryException("Redis", "list connections", "timed out after 2 s");
		assertThatExceptionOfType(ConnectionRegistryException.class).isThrownBy(() -> template.sendToAll("x"))
			.isSameAs(failing.failure);
		api.server().verify(0, postRequestedFor(anyUrl()));
		assertThat(failing.lookups).hasValue(3);
	}

	@Test
	void stoppedTemplateRefusesWithoutLookingUp() {
		FailingLookups counting = new FailingLookups(this.registry);
		counting.failure = null;
		WebSocketConnectionTemplate template = api.templateBuilder().connectionRegistry(counting).build();
		assertThat(template.sendToGroup("lobby", "x").delivered()).containsExactlyInAnyOrder("a1", "b1");
		template.stop();

		assertThatIllegalStateException().isThrownBy(() -> template.sendToGroup("lobby", "x"))
			.withMessageContaining("a send to the members of group 'lobby' was not sent");
		assertThat(counting.lookups).hasValue(1);
	}

	private static void assertPostedExactlyTo(Set<String> connectionIds) {
		List<String> posted = api.server()
			.getAllServeEvents()
			.stream()
			.map((event) -> event.getRequest().getUrl().substring(ManagementApiStubs.CONNECTIONS_PATH.length()))
			.toList();
		assertThat(posted).containsExactlyInAnyOrderElementsOf(connectionIds);
	}

	/**
	 * A registry whose lookups fail as a store that cannot be reached would.
	 */
	private static final class FailingLookups implements ConnectionRegistry {

		private final ConnectionRegistry delegate;

		private final AtomicInteger lookups = new AtomicInteger();

		private volatile RuntimeException failure = new IllegalStateException("store unreachable");

		FailingLookups(ConnectionRegistry delegate) {
			this.delegate = delegate;
		}

		private <T> T lookUp(java.util.function.Supplier<T> lookup) {
			this.lookups.incrementAndGet();
			if (this.failure != null) {
				throw this.failure;
			}
			return lookup.get();
		}

		@Override
		public void register(String connectionId, String userId, Map<String, String> attributes) {
			this.delegate.register(connectionId, userId, attributes);
		}

		@Override
		public boolean remove(String connectionId) {
			return this.delegate.remove(connectionId);
		}

		@Override
		public java.util.Optional<dev.apigw.websocket.registry.RegisteredConnection> find(String connectionId) {
			return this.delegate.find(connectionId);
		}

		@Override
		public boolean join(String connectionId, String groupName) {
			return this.delegate.join(connectionId, groupName);
		}

		@Override
		public boolean leave(String connectionId, String groupName) {
			return this.delegate.leave(connectionId, groupName);
		}

		@Override
		public Set<String> groups(String connectionId) {
			return this.delegate.groups(connectionId);
		}

		@Override
		public Set<String> groupMembers(String groupName) {
			return lookUp(() -> this.delegate.groupMembers(groupName));
		}

		@Override
		public long groupSize(String groupName) {
			return this.delegate.groupSize(groupName);
		}

		@Override
		public Set<String> userConnections(String userId) {
			return lookUp(() -> this.delegate.userConnections(userId));
		}

		@Override
		public long userConnectionCount(String userId) {
			return this.delegate.userConnectionCount(userId);
		}

		@Override
		public java.util.stream.Stream<String> connectionIds() {
			return lookUp(this.delegate::connectionIds);
		}

		@Override
		public long size() {
			return this.delegate.size();
		}

	}

}
