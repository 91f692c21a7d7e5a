package dev.apigw.websocket.benchmarks;

import java.time.Duration;

/**
 * Counts of one benchmark run: {@link #full()} reproduces BENCHMARKS.md, {@link #smoke()}
 * runs every scenario once with tiny counts so that the harness cannot rot.
 *
 * @param rounds interleaved rounds of the scenarios other than the overhead
 * @param overheadRounds interleaved rounds of the overhead scenario
 * @param syncCalls blocking sends per path and round
 * @param asyncCalls async sends per path and round
 * @param asyncWindow async sends in flight at once in the overhead scenario
 * @param warmUp calls per path before the first round
 * @param broadcastIds ids of a broadcast
 * @param latenciesMillis injected latencies of the broadcast scenario
 * @param sequentialTime time the sequential raw loop may take per run (it is sampled, at
 * 20 ms a loop over 10,000 ids would take 200 s)
 * @param throttledMessages ids of a throttled broadcast at the first rate; at a lower
 * rate R proportionally fewer, so that N/R stays the same and the run short
 * @param throttledRates rates of the throttling token bucket
 * @param throttledBurst burst of the throttling token bucket
 * @param goneIds ids of the gone-heavy broadcast, 30 % of them gone
 * @param connections WebSocket connections of the end-to-end scenario
 * @param posts posts per path and round of the end-to-end scenario
 * @param postThreads threads posting in the end-to-end scenario
 */
record Scale(int rounds, int overheadRounds, int syncCalls, int asyncCalls, int asyncWindow, int warmUp,
		int broadcastIds, int[] latenciesMillis, Duration sequentialTime, int throttledMessages, int[] throttledRates,
		int throttledBurst, int goneIds, int connections, int posts, int postThreads) {

	static Scale full() {
		return new Scale(3, 5, 2_000, 4_000, 16, 6_000, 10_000, new int[] { 0, 20, 50 }, Duration.ofSeconds(2), 20_000,
				new int[] { 2_000, 500 }, 1_000, 10_000, 10_000, 10_000, 16);
	}

	static Scale smoke() {
		return new Scale(1, 1, 50, 50, 4, 20, 200, new int[] { 5 }, Duration.ofMillis(100), 300, new int[] { 2_000 },
				100, 100, 20, 200, 2);
	}

}
