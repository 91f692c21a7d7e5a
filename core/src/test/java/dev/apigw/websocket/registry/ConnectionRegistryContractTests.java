package dev.apigw.websocket.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The behaviour every {@link ConnectionRegistry} shares, run by each implementation's
 * tests against its real store.
 */
public abstract class ConnectionRegistryContractTests {

	/**
	 * Time to live of the registries under test: short enough to name, long enough that
	 * the tests move the clock across it explicitly.
	 */
	protected static final Duration TTL = Duration.ofMinutes(30);

	// truncated: stores keep milliseconds
	protected final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));

	private ConnectionRegistry registry;

	/**
	 * Create the registry under test, empty, reading time from the clock.
	 * @param clock the clock
	 * @param timeToLive the time to live of its registrations
	 * @return the registry
	 */
	protected abstract ConnectionRegistry createRegistry(MutableClock clock, Duration timeToLive);

	/**
	 * Size of the tests that load the registry: a registry over the network or a slow
	 * local store does less, so that the tests stay fast.
	 * @return the workload
	 */
	protected Workload workload() {
		return new Workload(8, 2000, 100, 300);
	}

	/**
	 * Assert, on the store's own data, that it holds nothing but the given connections:
	 * no index entry, key or item of another connection was left behind. Lookups hide
	 * such leftovers, so only the raw data shows them.
	 * @param connectionIds the live connections, empty once every one is removed
	 */
	protected abstract void assertStoreHoldsOnly(Set<String> connectionIds);

	@BeforeEach
	void createRegistry() {
		this.registry = createRegistry(this.clock, TTL);
	}

	@AfterEach
	void removeEverything() {
		List.copyOf(this.registry.connectionIds().toList()).forEach(this.registry::remove);
	}

	protected ConnectionRegistry registry() {
		return this.registry;
	}

	@Test
	void registersLooksUpAndRemovesConnections() {
		this.registry.register("a", Map.of("plan", "pro"));
		this.registry.register("b", Map.of());
		assertThat(this.registry.contains("a")).isTrue();
		assertThat(this.registry.attributes("a")).contains(Map.of("plan", "pro"));
		assertThat(this.registry.connectionIds()).containsExactlyInAnyOrder("a", "b");
		assertThat(this.registry.size()).isEqualTo(2);
		assertThat(this.registry.remove("a")).isTrue();
		assertThat(this.registry.remove("a")).isFalse();
		assertThat(this.registry.contains("a")).isFalse();
		assertThat(this.registry.attributes("a")).isEmpty();
		assertThat(this.registry.find("a")).isEmpty();
		assertThat(this.registry.size()).isOne();
	}

	@Test
	void findReturnsTheWholeRegistration() {
		Instant now = this.clock.instant();
		this.registry.register("a", "ada", Map.of("plan", "pro", "locale", "en"));
		RegisteredConnection connection = this.registry.find("a").orElseThrow();
		assertThat(connection.connectionId()).isEqualTo("a");
		assertThat(connection.userId()).isEqualTo("ada");
		assertThat(connection.attributes()).isEqualTo(Map.of("plan", "pro", "locale", "en"));
		assertThat(connection.registeredAt()).isEqualTo(now);
		assertThat(this.registry.registeredAt("a")).contains(now);
		// DynamoDB's TTL attribute holds seconds: an expiry rounds up to the next second
		assertThat(connection.expiresAt()).isBetween(now.plus(TTL), now.plus(TTL).plusSeconds(1));
	}

	@Test
	void attributesAreCopiedOnRegistration() {
		Map<String, String> attributes = new HashMap<>(Map.of("plan", "pro"));
		this.registry.register("a", attributes);
		attributes.put("plan", "free");
		assertThat(this.registry.attributes("a")).contains(Map.of("plan", "pro"));
	}

	@Test
	void idsGroupNamesUserIdsAndAttributesKeepTheirCharacters() {
		String id = "Aq3=X-cYIAMCJ6w=";
		String group = "room:42 #général/α";
		String user = "user:ada@example.com#1";
		this.registry.register(id, user, Map.of("a:b", "x=y#z", "empty", ""));
		assertThat(this.registry.join(id, group)).isTrue();
		assertThat(this.registry.attributes(id)).contains(Map.of("a:b", "x=y#z", "empty", ""));
		assertThat(this.registry.groupMembers(group)).containsExactly(id);
		assertThat(this.registry.groups(id)).containsExactly(group);
		assertThat(this.registry.userConnections(user)).containsExactly(id);
		assertThat(this.registry.groupMembers("room:42")).isEmpty();
	}

	@Test
	void registrationsOfAUserAreLookedUpByUser() {
		this.registry.register("a", "ada", Map.of());
		this.registry.register("b", "ada", Map.of());
		this.registry.register("c", "bob", Map.of());
		this.registry.register("d", Map.of());
		assertThat(this.registry.userConnections("ada")).containsExactlyInAnyOrder("a", "b");
		assertThat(this.registry.userConnectionCount("ada")).isEqualTo(2);
		assertThat(this.registry.userConnections("bob")).containsExactly("c");
		assertThat(this.registry.userConnections("nobody")).isEmpty();
		assertThat(this.registry.userConnectionCount("nobody")).isZero();
		assertThat(this.registry.find("d").orElseThrow().userId()).isNull();
	}

	@Test
	void reRegistrationReplacesUserAndAttributesAndKeepsTimesAndGroups() {
		Instant registered = this.clock.instant();
		this.registry.register("a", "ada", Map.of("plan", "pro"));
		this.registry.join("a", "lobby");
		RegisteredConnection first = this.registry.find("a").orElseThrow();
		this.clock.advance(Duration.ofMinutes(1));

		this.registry.register("a", "bob", Map.of("plan", "free"));

		RegisteredConnection second = this.registry.find("a").orElseThrow();
		assertThat(second.userId()).isEqualTo("bob");
		assertThat(second.attributes()).isEqualTo(Map.of("plan", "free"));
		assertThat(second.registeredAt()).isEqualTo(registered);
		assertThat(second.expiresAt()).isEqualTo(first.expiresAt());
		assertThat(this.registry.userConnections("ada")).isEmpty();
		assertThat(this.registry.userConnections("bob")).containsExactly("a");
		assertThat(this.registry.groups("a")).containsExactly("lobby");
		assertThat(this.registry.groupMembers("lobby")).containsExactly("a");
	}

	@Test
	void reRegistrationWithoutUserLeavesTheUserIndex() {
		this.registry.register("a", "ada", Map.of());
		this.registry.register("a", Map.of("plan", "pro"));
		assertThat(this.registry.find("a").orElseThrow().userId()).isNull();
		assertThat(this.registry.userConnections("ada")).isEmpty();
	}

	@Test
	void connectionsJoinAndLeaveGroups() {
		this.registry.register("a", Map.of());
		this.registry.register("b", Map.of());
		assertThat(this.registry.join("a", "lobby")).isTrue();
		assertThat(this.registry.join("a", "lobby")).isTrue();
		assertThat(this.registry.join("a", "news")).isTrue();
		assertThat(this.registry.join("b", "lobby")).isTrue();

		assertThat(this.registry.groupMembers("lobby")).containsExactlyInAnyOrder("a", "b");
		assertThat(this.registry.groupSize("lobby")).isEqualTo(2);
		assertThat(this.registry.groups("a")).containsExactlyInAnyOrder("lobby", "news");

		assertThat(this.registry.leave("a", "lobby")).isTrue();
		assertThat(this.registry.leave("a", "lobby")).isFalse();
		assertThat(this.registry.leave("a", "never-joined")).isFalse();
		assertThat(this.registry.groupMembers("lobby")).containsExactly("b");
		assertThat(this.registry.groupSize("lobby")).isOne();
		assertThat(this.registry.groups("a")).containsExactly("news");
		assertThat(this.registry.groupMembers("unknown")).isEmpty();
		assertThat(this.registry.groupSize("unknown")).isZero();
	}

	@Test
	void registrationWithGroupsJoinsThemWithTheRegistration() {
		this.registry.register("a", "ada", Map.of("plan", "pro"), Set.of("lobby", "news"));
		this.registry.register("b", null, Map.of(), Set.of("lobby"));
		RegisteredConnection connection = this.registry.find("a").orElseThrow();
		assertThat(connection.userId()).isEqualTo("ada");
		assertThat(connection.attributes()).isEqualTo(Map.of("plan", "pro"));
		assertThat(this.registry.groups("a")).containsExactlyInAnyOrder("lobby", "news");
		assertThat(this.registry.groupMembers("lobby")).containsExactlyInAnyOrder("a", "b");
		assertThat(this.registry.groupMembers("news")).containsExactly("a");
		assertThat(this.registry.userConnections("ada")).containsExactly("a");

		this.registry.register("a", "ada", Map.of(), Set.of("sport"));
		assertThat(this.registry.groups("a")).containsExactlyInAnyOrder("lobby", "news", "sport");
		assertThat(this.registry.groupMembers("sport")).containsExactly("a");
		assertStoreHoldsOnly(Set.of("a", "b"));

		assertThat(this.registry.remove("a")).isTrue();
		assertThat(this.registry.groupMembers("lobby")).containsExactly("b");
		assertThat(this.registry.groupMembers("news")).isEmpty();
		assertThat(this.registry.groupMembers("sport")).isEmpty();
		assertStoreHoldsOnly(Set.of("b"));
	}

	@Test
	void registrationWithABlankGroupStoresNothing() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.registry.register("a", "ada", Map.of(), Set.of("lobby", " ")))
			.withMessage("'groupName' must not be blank");
		assertThat(this.registry.contains("a")).isFalse();
		assertThat(this.registry.groupMembers("lobby")).isEmpty();
		assertStoreHoldsOnly(Set.of());
	}

	@Test
	void unregisteredConnectionCannotJoin() {
		assertThat(this.registry.join("ghost", "lobby")).isFalse();
		assertThat(this.registry.groupMembers("lobby")).isEmpty();
		assertThat(this.registry.groups("ghost")).isEmpty();
		this.registry.register("ghost", Map.of());
		assertThat(this.registry.groups("ghost")).isEmpty();
	}

	@Test
	void removalLeavesEveryGroupAndTheUserIndex() {
		this.registry.register("a", "ada", Map.of());
		this.registry.register("b", "ada", Map.of());
		this.registry.join("a", "lobby");
		this.registry.join("a", "news");
		this.registry.join("b", "lobby");

		assertThat(this.registry.remove("a")).isTrue();

		assertThat(this.registry.groupMembers("lobby")).containsExactly("b");
		assertThat(this.registry.groupMembers("news")).isEmpty();
		assertThat(this.registry.groupSize("news")).isZero();
		assertThat(this.registry.userConnections("ada")).containsExactly("b");
		assertThat(this.registry.groups("a")).isEmpty();
		assertThat(this.registry.leave("a", "lobby")).isFalse();

		// the same id registered again starts with no memberships
		this.registry.register("a", Map.of());
		assertThat(this.registry.groups("a")).isEmpty();
		assertThat(this.registry.groupMembers("news")).isEmpty();
	}

	@Test
	void groupsOfManyMembersAreReturnedWhole() {
		int members = workload().largeGroupSize();
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < members; i++) {
			String id = "conn-" + i + "=";
			ids.add(id);
			this.registry.register(id, "user-" + (i % 3), Map.of());
			this.registry.join(id, "big");
		}
		assertThat(this.registry.groupMembers("big")).isEqualTo(ids);
		assertThat(this.registry.groupSize("big")).isEqualTo(members);
		assertThat(this.registry.userConnections("user-0")).hasSize(members / 3);
		assertThat(this.registry.size()).isEqualTo(members);
	}

	@Test
	void registrationExpiresAfterItsTimeToLive() {
		this.registry.register("a", "ada", Map.of("plan", "pro"));
		this.registry.join("a", "lobby");
		this.clock.advance(Duration.ofMinutes(10));
		this.registry.register("b", "ada", Map.of());
		this.registry.join("b", "lobby");

		this.clock.advance(TTL.minus(Duration.ofMinutes(10)).minusMillis(1));
		assertThat(this.registry.contains("a")).isTrue();
		assertThat(this.registry.groupMembers("lobby")).containsExactlyInAnyOrder("a", "b");

		this.clock.advance(Duration.ofMillis(1001));
		assertThat(this.registry.contains("a")).isFalse();
		assertThat(this.registry.find("a")).isEmpty();
		assertThat(this.registry.attributes("a")).isEmpty();
		assertThat(this.registry.registeredAt("a")).isEmpty();
		assertThat(this.registry.groups("a")).isEmpty();
		assertThat(this.registry.groupMembers("lobby")).containsExactly("b");
		assertThat(this.registry.groupSize("lobby")).isOne();
		assertThat(this.registry.userConnections("ada")).containsExactly("b");
		assertThat(this.registry.userConnectionCount("ada")).isOne();
		assertThat(this.registry.connectionIds()).containsExactly("b");
		assertThat(this.registry.size()).isOne();
		assertThat(this.registry.join("a", "news")).isFalse();
		assertThat(this.registry.groupMembers("news")).isEmpty();
		assertThat(this.registry.leave("a", "lobby")).isFalse();
		assertThat(this.registry.remove("a")).isFalse();
	}

	@Test
	void expiredConnectionRegisteredAgainStartsANewRegistration() {
		this.registry.register("a", "ada", Map.of());
		this.registry.join("a", "lobby");
		this.clock.advance(TTL.plusSeconds(5));
		Instant again = this.clock.instant();

		this.registry.register("a", "bob", Map.of());

		assertThat(this.registry.registeredAt("a")).contains(again);
		assertThat(this.registry.groups("a")).isEmpty();
		assertThat(this.registry.groupMembers("lobby")).isEmpty();
		assertThat(this.registry.userConnections("ada")).isEmpty();
		assertThat(this.registry.userConnections("bob")).containsExactly("a");
	}

	@Test
	void timeToLiveIsConfigurable() {
		ConnectionRegistry shortLived = createRegistry(this.clock, Duration.ofMinutes(5));
		shortLived.register("a", Map.of());
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		assertThat(shortLived.contains("a")).isFalse();
	}

	@Test
	void blankArgumentsAreRejectedNamingTheArgument() {
		Map<String, Executable> connectionIdChecks = new HashMap<>();
		connectionIdChecks.put("register", () -> this.registry.register(" ", Map.of()));
		connectionIdChecks.put("registerWithUser", () -> this.registry.register("", "ada", Map.of()));
		connectionIdChecks.put("remove", () -> this.registry.remove(" "));
		connectionIdChecks.put("find", () -> this.registry.find(" "));
		connectionIdChecks.put("join", () -> this.registry.join(" ", "lobby"));
		connectionIdChecks.put("leave", () -> this.registry.leave(" ", "lobby"));
		connectionIdChecks.put("groups", () -> this.registry.groups(" "));
		connectionIdChecks.forEach((operation, check) -> assertThatIllegalArgumentException().as(operation)
			.isThrownBy(check::execute)
			.withMessage("'connectionId' must not be blank"));
		Map<String, Executable> groupChecks = Map.of("join", () -> this.registry.join("a", " "), "leave",
				() -> this.registry.leave("a", ""), "groupMembers", () -> this.registry.groupMembers(" "), "groupSize",
				() -> this.registry.groupSize(" "));
		groupChecks.forEach((operation, check) -> assertThatIllegalArgumentException().as(operation)
			.isThrownBy(check::execute)
			.withMessage("'groupName' must not be blank"));
		Map<String, Executable> userChecks = Map.of("register", () -> this.registry.register("a", " ", Map.of()),
				"userConnections", () -> this.registry.userConnections(""), "userConnectionCount",
				() -> this.registry.userConnectionCount(" "));
		userChecks.forEach((operation, check) -> assertThatIllegalArgumentException().as(operation)
			.isThrownBy(check::execute)
			.withMessage("'userId' must not be blank"));
		assertThat(this.registry.size()).isZero();
	}

	@Test
	void joinsRacingRemovalsLeaveNoMembershipBehind() throws Exception {
		List<String> ids = IntStream.range(0, 8).mapToObj((i) -> "r" + i + "=").toList();
		List<String> groups = List.of("g0", "g1", "g2");
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			for (int round = 0; round < workload().joinRaceRounds(); round++) {
				ids.forEach((id) -> this.registry.register(id, "u", Map.of()));
				List<CompletableFuture<Void>> workers = new ArrayList<>();
				for (int t = 0; t < 3; t++) {
					Random random = new Random(round * 31L + t);
					workers.add(CompletableFuture.runAsync(() -> {
						for (int i = 0; i < ids.size() * 3; i++) {
							String id = ids.get(random.nextInt(ids.size()));
							String group = groups.get(random.nextInt(groups.size()));
							if (random.nextInt(4) == 0) {
								this.registry.leave(id, group);
							}
							else {
								this.registry.join(id, group);
							}
						}
					}, executor));
				}
				List<String> removalOrder = new ArrayList<>(ids);
				Collections.shuffle(removalOrder, new Random(round));
				workers.add(CompletableFuture.runAsync(() -> removalOrder.forEach(this.registry::remove), executor));
				CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

				int finishedRound = round;
				groups.forEach((group) -> assertThat(this.registry.groupMembers(group))
					.as("members of %s after round %d", group, finishedRound)
					.isEmpty());
				assertThat(this.registry.userConnections("u")).isEmpty();
				assertStoreHoldsOnly(Set.of());
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void concurrentRegistrationsMembershipsAndRemovalsLeaveNothingDangling() throws Exception {
		int threads = workload().threads();
		int operations = workload().operationsPerThread();
		List<String> ids = IntStream.range(0, 16).mapToObj((i) -> "c" + i + "=").toList();
		List<String> groups = List.of("g0", "g1", "g2", "g3");
		List<String> users = List.of("u0", "u1", "u2");
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<CompletableFuture<Void>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				Random random = new Random(t);
				workers.add(CompletableFuture.runAsync(() -> {
					for (int i = 0; i < operations; i++) {
						String id = ids.get(random.nextInt(ids.size()));
						String group = groups.get(random.nextInt(groups.size()));
						switch (random.nextInt(6)) {
							case 0 -> this.registry.register(id, users.get(random.nextInt(users.size())), Map.of());
							case 1, 2 -> this.registry.join(id, group);
							case 3 -> this.registry.leave(id, group);
							case 4 -> this.registry.remove(id);
							default -> this.registry.groupMembers(group);
						}
					}
				}, executor));
			}
			CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		finally {
			executor.shutdownNow();
		}

		Set<String> live = new HashSet<>(this.registry.connectionIds().toList());
		assertThat(this.registry.size()).isEqualTo(live.size());
		for (String group : groups) {
			Set<String> members = this.registry.groupMembers(group);
			assertThat(live).as("members of %s are registered", group).containsAll(members);
			members.forEach((id) -> assertThat(this.registry.groups(id)).as("groups of %s", id).contains(group));
			assertThat(this.registry.groupSize(group)).isEqualTo(members.size());
		}
		for (String id : live) {
			this.registry.groups(id)
				.forEach((group) -> assertThat(this.registry.groupMembers(group)).as("members of %s", group)
					.contains(id));
		}
		for (String user : users) {
			Set<String> connections = this.registry.userConnections(user);
			assertThat(live).containsAll(connections);
			connections.forEach((id) -> assertThat(this.registry.find(id).orElseThrow().userId()).isEqualTo(user));
		}
		for (String id : live) {
			String user = this.registry.find(id).orElseThrow().userId();
			assertThat(this.registry.userConnections(user)).contains(id);
		}
		assertStoreHoldsOnly(live);

		ids.forEach(this.registry::remove);
		groups.forEach((group) -> assertThat(this.registry.groupMembers(group)).isEmpty());
		users.forEach((user) -> assertThat(this.registry.userConnections(user)).isEmpty());
		assertThat(this.registry.size()).isZero();
		assertStoreHoldsOnly(Set.of());
	}

	/**
	 * Size of the tests that load the registry.
	 *
	 * @param threads threads of the concurrency test
	 * @param operationsPerThread operations per thread of the concurrency test
	 * @param joinRaceRounds rounds of the test of joins racing removals
	 * @param largeGroupSize members of the large group test, a multiple of 3
	 */
	public record Workload(int threads, int operationsPerThread, int joinRaceRounds, int largeGroupSize) {

	}

}
