package dev.apigw.websocket.benchmarks;

import java.util.List;

/**
 * What one scenario printed, and what it found wrong with its own measurement (a count
 * that does not add up), which makes a run fail.
 *
 * @param markdown the section of BENCHMARKS.md
 * @param harnessProblems inconsistencies of the measurement itself, empty when sound
 */
record ScenarioReport(String markdown, List<String> harnessProblems) {

	ScenarioReport {
		harnessProblems = List.copyOf(harnessProblems);
	}

}
