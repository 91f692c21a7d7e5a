package dev.apigw.websocket.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every scenario of {@link PublishedBenchmarks} once with tiny counts, so that the
 * harness cannot rot between the full runs (which are not part of the build).
 */
class PublishedBenchmarksSmokeTests {

	@Test
	void everyScenarioRunsAndItsCountsAddUp() throws Exception {
		List<String> names = new ArrayList<>(PublishedBenchmarks.SCENARIOS.keySet());
		List<ScenarioReport> reports = PublishedBenchmarks.run(Scale.smoke(), names,
				new Deadline(Duration.ofMinutes(4)), null, (report) -> {
				});
		assertThat(reports).hasSize(7);
		assertThat(reports).flatMap(ScenarioReport::problems).isEmpty();
		assertThat(reports.subList(0, 6)).extracting(ScenarioReport::markdown)
			.allSatisfy((markdown) -> assertThat(markdown).contains("|---|").doesNotContain("NaN"));
		// needs npm packages the build does not install
		assertThat(reports.get(6).markdown()).contains("Not run: pass `--serverless-offline DIR`");
		String gone = reports.get(4).markdown();
		// 100 ids, 30 gone: none failed, each gone id reported, evented and pruned once,
		// no live one touched, and the stub asked once per gone id
		assertThat(gone).contains("| template, defaults | 0 | 30 | 30 | 30 | 0 | 30 |");
		String endToEnd = reports.get(5).markdown();
		assertThat(endToEnd).contains("20 WebSocket connections").contains("| 200 / 200 |");
	}

}
