package dev.apigw.websocket.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A main class in a child JVM on this JVM's class path, driven by a line protocol: a
 * command on its standard input is answered by a line {@code ANSWER value} on its
 * standard output; {@code exit} ends it.
 */
final class ChildJvm implements AutoCloseable {

	private final String name;

	private final Process process;

	private final BufferedReader out;

	private final PrintWriter in;

	ChildJvm(String name, Class<?> mainClass, String... jvmOptions) throws IOException {
		this.name = name;
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(List.of(jvmOptions));
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
		this.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
		this.out = new BufferedReader(new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
		this.in = new PrintWriter(this.process.getOutputStream(), true, StandardCharsets.UTF_8);
	}

	String ask(String command, String answer) throws IOException {
		this.in.println(command);
		return expect(answer);
	}

	String expect(String prefix) throws IOException {
		String line = this.out.readLine();
		if (line == null || !line.startsWith(prefix + " ")) {
			throw new IOException(
					"Expected '" + prefix + " ...' from the " + this.name + " process but got '" + line + "'");
		}
		return line.substring(prefix.length() + 1);
	}

	String readLine() throws IOException {
		return this.out.readLine();
	}

	/**
	 * CPU time the process has used so far.
	 */
	Duration cpuTime() {
		return this.process.info().totalCpuDuration().orElse(Duration.ZERO);
	}

	@Override
	public void close() throws InterruptedException {
		this.in.println("exit");
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroy();
		}
	}

}
