package dev.apigw.websocket.emulator;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The AWS CLI (botocore's SigV4 signer, independent of the Java SDK) run as a process
 * with only the given credentials: no config or credentials file, no instance metadata,
 * no pager, a home of its own. Debian's {@code awscli} package installs it at
 * {@code /usr/bin/aws}; {@code APIGW_AWS_CLI} names another one.
 */
final class AwsCli {

	private static final long TIMEOUT_SECONDS = 60;

	private final Path executable;

	private final Path home;

	private AwsCli(Path executable, Path home) {
		this.executable = executable;
		this.home = home;
	}

	/**
	 * The CLI, if this machine has one that runs.
	 */
	static Optional<AwsCli> find(Path home) {
		String configured = System.getenv("APIGW_AWS_CLI");
		Stream<Path> candidates = (configured != null) ? Stream.of(Path.of(configured))
				: Stream.concat(Stream.of(Path.of("/usr/bin/aws"), Path.of("/usr/local/bin/aws")), onPath());
		return candidates.filter(Files::isExecutable)
			.map((path) -> new AwsCli(path, home))
			.filter(AwsCli::runs)
			.findFirst();
	}

	private static Stream<Path> onPath() {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.of(path.split(File.pathSeparator))
			.filter((dir) -> !dir.isEmpty())
			.map((dir) -> Path.of(dir, "aws"));
	}

	private boolean runs() {
		Result version = run(Map.of(), "--version");
		// version 2 prints to standard output, version 1 to standard error
		return version.exitCode() == 0 && (version.stdout() + version.stderr()).startsWith("aws-cli/");
	}

	/**
	 * Run one command with these credentials.
	 */
	Result run(String accessKey, String secretKey, String region, String... args) {
		return run(Map.of("AWS_ACCESS_KEY_ID", accessKey, "AWS_SECRET_ACCESS_KEY", secretKey, "AWS_DEFAULT_REGION",
				region), args);
	}

	private Result run(Map<String, String> credentials, String... args) {
		List<String> command = new ArrayList<>();
		command.add(this.executable.toString());
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command);
		Map<String, String> environment = builder.environment();
		environment.clear();
		environment.put("PATH", "/usr/bin:/bin");
		environment.put("HOME", this.home.toString());
		environment.put("AWS_CONFIG_FILE", "/dev/null");
		environment.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
		environment.put("AWS_EC2_METADATA_DISABLED", "true");
		environment.put("AWS_PAGER", "");
		environment.put("AWS_MAX_ATTEMPTS", "1");
		environment.putAll(credentials);
		try {
			Path stdout = Files.createTempFile(this.home, "aws", ".out");
			Path stderr = Files.createTempFile(this.home, "aws", ".err");
			Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
			if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(
						"'" + String.join(" ", command) + "' did not finish within " + TIMEOUT_SECONDS + " s");
			}
			return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
					Files.readString(stderr, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return this.executable.toString();
	}

	record Result(int exitCode, String stdout, String stderr) {
	}

}
