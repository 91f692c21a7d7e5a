package dev.apigw.websocket.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

import com.sun.management.OperatingSystemMXBean;

/**
 * One run of one path in one round: messages, wall time, this process's CPU time (the
 * client's: servers run in child JVMs unless a scenario says otherwise) and the
 * scenario's own figures.
 *
 * @param messages messages the run attempted
 * @param seconds wall time of the run
 * @param cpuMicrosPerMessage process CPU time of the run per message, in microseconds
 * @param figures the scenario's own figures by name
 */
record Sample(long messages, double seconds, double cpuMicrosPerMessage, Map<String, Double> figures) {

	private static final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	/**
	 * Messages per second.
	 */
	double rate() {
		return this.messages / this.seconds;
	}

	double figure(String name) {
		Double value = this.figures.get(name);
		if (value == null) {
			throw new IllegalArgumentException("No figure '" + name + "' in " + this.figures.keySet());
		}
		return value;
	}

	/**
	 * CPU time this process has used so far.
	 */
	static long processCpuNanos() {
		return os.getProcessCpuTime();
	}

	/**
	 * Run a workload and measure it.
	 */
	static Sample measure(Workload workload) throws Exception {
		Map<String, Double> figures = new LinkedHashMap<>();
		long cpuStart = os.getProcessCpuTime();
		long start = System.nanoTime();
		long messages = workload.run(figures);
		long nanos = System.nanoTime() - start;
		long cpu = os.getProcessCpuTime() - cpuStart;
		return new Sample(messages, nanos / 1e9, (messages > 0) ? cpu / 1e3 / messages : Double.NaN, figures);
	}

	/**
	 * What one path does in one round.
	 */
	@FunctionalInterface
	interface Workload {

		/**
		 * @param figures where to put the scenario's own figures
		 * @return the messages attempted
		 */
		long run(Map<String, Double> figures) throws Exception;

	}

}
