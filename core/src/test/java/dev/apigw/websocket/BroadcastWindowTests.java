package dev.apigw.websocket;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BroadcastWindow}.
 */
class BroadcastWindowTests {

	private static final long MILLI = 1_000_000;

	@Test
	void slowStartDoublesTheWindowPerRoundTripWhileLatencyStaysFlat() {
		BroadcastWindow window = new BroadcastWindow(512, true);
		assertThat(window.limit()).isEqualTo(BroadcastWindow.INITIAL);
		for (int round = 0; round < 4; round++) {
			acceptRound(window, 20 * MILLI);
		}
		assertThat(window.limit()).isEqualTo(16 * 16);
		acceptRound(window, 20 * MILLI);
		assertThat(window.limit()).isEqualTo(512);
		acceptRound(window, 20 * MILLI);
		assertThat(window.limit()).as("the ceiling").isEqualTo(512);
	}

	@Test
	void throttledHalvesOncePerRoundThenGrowsByATenthPerRound() {
		BroadcastWindow window = new BroadcastWindow(512, true);
		acceptRound(window, 20 * MILLI);
		assertThat(window.limit()).isEqualTo(32);
		long epoch = window.epoch();
		window.throttled(epoch);
		window.throttled(epoch);
		window.throttled(epoch);
		assertThat(window.limit()).as("one decrease for the calls of one round").isEqualTo(16);
		window.throttled(window.epoch());
		assertThat(window.limit()).isEqualTo(8);
		acceptRound(window, 20 * MILLI);
		assertThat(window.limit()).isEqualTo(8);
		for (int i = 0; i < 80; i++) {
			window.accepted(20 * MILLI, window.epoch());
		}
		assertThat(window.limit()).isEqualTo(16);
	}

	@Test
	void answersToCallsStartedBeforeADecreaseDoNotGrowIt() {
		BroadcastWindow window = new BroadcastWindow(512, true);
		long before = window.epoch();
		window.throttled(before);
		for (int i = 0; i < 100; i++) {
			window.accepted(20 * MILLI, before);
		}
		assertThat(window.limit()).isEqualTo(8);
	}

	@Test
	void risingLatencyShrinksTheWindowButNotBelowItsStart() {
		BroadcastWindow window = new BroadcastWindow(512, true);
		for (int round = 0; round < 3; round++) {
			acceptRound(window, 20 * MILLI);
		}
		assertThat(window.limit()).isEqualTo(128);
		for (int i = 0; i < 200; i++) {
			window.accepted(400 * MILLI, window.epoch());
		}
		int shrunk = window.limit();
		assertThat(shrunk).isLessThan(128);
		for (int i = 0; i < 20_000; i++) {
			window.accepted(400 * MILLI, window.epoch());
		}
		assertThat(window.limit()).isEqualTo(BroadcastWindow.INITIAL);
	}

	@Test
	void latencyWithinTheToleranceKeepsGrowing() {
		BroadcastWindow window = new BroadcastWindow(512, true);
		window.accepted(20 * MILLI, window.epoch());
		for (int i = 0; i < 200; i++) {
			window.accepted(55 * MILLI, window.epoch());
		}
		assertThat(window.limit()).isEqualTo(217);
	}

	@Test
	void fixedWindowStaysAtItsCeiling() {
		BroadcastWindow window = new BroadcastWindow(64, false);
		assertThat(window.limit()).isEqualTo(64);
		window.throttled(window.epoch());
		window.accepted(1_000 * MILLI, window.epoch());
		assertThat(window.limit()).isEqualTo(64);
	}

	@Test
	void smallCeilingIsTheStart() {
		assertThat(new BroadcastWindow(8, true).limit()).isEqualTo(8);
	}

	// as many answers as the window allows calls, all started now
	private static void acceptRound(BroadcastWindow window, long rtt) {
		long epoch = window.epoch();
		int calls = window.limit();
		for (int i = 0; i < calls; i++) {
			window.accepted(rtt, epoch);
		}
	}

}
