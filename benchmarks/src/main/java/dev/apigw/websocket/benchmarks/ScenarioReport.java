package dev.apigw.websocket.benchmarks;

import java.util.List;

/**
 * What one scenario printed, and what it found wrong: counts that do not add up (the
 * measurement is unsound) or a behaviour the scenario requires that broke (a live id
 * failed, a gone id not reported once). Problems make a run fail; a missed performance
 * target does not, it is reported in the table.
 *
 * @param markdown the section of BENCHMARKS.md
 * @param problems what is wrong, empty when nothing is
 */
record ScenarioReport(String markdown, List<String> problems) {

	ScenarioReport {
		problems = List.copyOf(problems);
	}

}
