package dev.apigw.websocket.emulator;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Command line flags of {@link EmulatorMain}, turned into a builder.
 */
final class EmulatorCommandLine {

	static final String USAGE = """
			Usage: java -jar apigw-websocket-emulator-standalone.jar [flags]
			  --host HOST                  address to bind (default 127.0.0.1)
			  --port PORT                  port to bind, 0 for an ephemeral one (default 0)
			  --stage NAME                 stage, first path segment of every URL (default local)
			  --route KEY=URL              HTTP integration for a route; repeatable
			                               (e.g. --route '$connect=http://127.0.0.1:8080/apigw/websocket')
			  --route-response KEY=URL     like --route, and the integration's answer is sent back to the client
			  --lambda KEY=FUNCTION@URL    Lambda proxy integration for a route through the Lambda Invoke API; repeatable
			                               (e.g. --lambda '$default=ChatFunction@http://127.0.0.1:3001' for sam local start-lambda)
			  --lambda-response KEY=FUNCTION@URL
			                               like --lambda, and the function's answer is sent back to the client
			  --integration-timeout DURATION
			                               time one HTTP integration call may take (default 29s)
			  --integration-concurrency N  HTTP integration calls running at once (default 1000)
			  --integration-max-response BYTES
			                               largest HTTP integration response read (default 131072)
			  --max-connections N          TCP connections served at once (default 20000)
			  --lambda-timeout DURATION    time one Lambda invocation may take (default 29s)
			  --lambda-concurrency N       Lambda invocations running at once (default 1000)
			  --lambda-max-response BYTES  largest Lambda response read (default 6291456)
			  --api-id ID                  apiId in Lambda events (default emulator)
			  --route-selection EXPR       route selection expression (default $request.body.action)
			  --throttle RATE,BURST        management API token bucket (default 10000,5000)
			  --no-throttle                no management API rate limit
			  --signing KEY:SECRET:REGION  require SigV4 signatures with these credentials
			  --idle-timeout DURATION      e.g. 600s, 10m or PT10M (default 10m)
			  --max-duration DURATION      e.g. 2h or PT2H (default 2h)
			  --help                       print this help""";

	private EmulatorCommandLine() {
	}

	/**
	 * The configured builder, or {@code null} when help was asked for.
	 * @throws IllegalArgumentException naming the flag that is wrong
	 */
	static WebSocketApiEmulator.@Nullable Builder parse(String... args) {
		WebSocketApiEmulator.Builder builder = WebSocketApiEmulator.builder();
		for (int i = 0; i < args.length; i++) {
			String flag = args[i];
			try {
				switch (flag) {
					case "--help", "-h" -> {
						return null;
					}
					case "--no-throttle" -> builder.throttlingDisabled();
					case "--host" -> builder.host(value(args, ++i, flag));
					case "--port" -> builder.port(number(value(args, ++i, flag), flag));
					case "--stage" -> builder.stage(value(args, ++i, flag));
					case "--route" -> route(builder, value(args, ++i, flag), false);
					case "--route-response" -> route(builder, value(args, ++i, flag), true);
					case "--lambda" -> lambda(builder, value(args, ++i, flag), flag, false);
					case "--lambda-response" -> lambda(builder, value(args, ++i, flag), flag, true);
					case "--integration-timeout" -> builder.integrationTimeout(duration(value(args, ++i, flag), flag));
					case "--integration-concurrency" ->
						builder.maxConcurrentIntegrations(number(value(args, ++i, flag), flag));
					case "--integration-max-response" ->
						builder.maxIntegrationResponseBytes(number(value(args, ++i, flag), flag));
					case "--max-connections" -> builder.maxConnections(number(value(args, ++i, flag), flag));
					case "--lambda-timeout" -> builder.lambdaTimeout(duration(value(args, ++i, flag), flag));
					case "--lambda-concurrency" ->
						builder.maxConcurrentLambdaInvocations(number(value(args, ++i, flag), flag));
					case "--lambda-max-response" ->
						builder.maxLambdaResponseBytes(number(value(args, ++i, flag), flag));
					case "--api-id" -> builder.apiId(value(args, ++i, flag));
					case "--route-selection" -> builder.routeSelectionExpression(value(args, ++i, flag));
					case "--throttle" -> throttle(builder, value(args, ++i, flag));
					case "--signing" -> signing(builder, value(args, ++i, flag));
					case "--idle-timeout" -> builder.idleTimeout(duration(value(args, ++i, flag), flag));
					case "--max-duration" -> builder.maxConnectionDuration(duration(value(args, ++i, flag), flag));
					default -> throw new IllegalArgumentException("Unknown flag '" + flag + "'");
				}
			}
			catch (IllegalArgumentException ex) {
				throw namingTheFlag(ex, flag);
			}
		}
		return builder;
	}

	/**
	 * A builder's message names its setting; the user typed the flag.
	 */
	private static IllegalArgumentException namingTheFlag(IllegalArgumentException ex, String flag) {
		String message = String.valueOf(ex.getMessage());
		if (message.contains("'" + flag + "'")) {
			return ex;
		}
		return new IllegalArgumentException("'" + flag + "': " + message, ex);
	}

	private static String value(String[] args, int index, String flag) {
		if (index >= args.length) {
			throw new IllegalArgumentException("Flag '" + flag + "' needs a value");
		}
		return args[index];
	}

	private static void route(WebSocketApiEmulator.Builder builder, String value, boolean routeResponse) {
		int equals = value.indexOf('=');
		if (equals < 1) {
			throw new IllegalArgumentException(
					"'--route' must look like KEY=URL, e.g. '$default=http://127.0.0.1:8080/ws', but was '" + value
							+ "'");
		}
		RouteIntegration integration = RouteIntegration.http(URI.create(value.substring(equals + 1)));
		builder.route(value.substring(0, equals), routeResponse ? integration.withRouteResponse() : integration);
	}

	private static void lambda(WebSocketApiEmulator.Builder builder, String value, String flag, boolean routeResponse) {
		int equals = value.indexOf('=');
		int at = value.indexOf('@', equals + 1);
		if (equals < 1 || at < equals + 2 || at == value.length() - 1) {
			throw new IllegalArgumentException("'" + flag
					+ "' must look like KEY=FUNCTION@URL, e.g. '$default=ChatFunction@http://127.0.0.1:3001', but was '"
					+ value + "'");
		}
		RouteIntegration integration;
		try {
			integration = RouteIntegration.lambda(URI.create(value.substring(at + 1)), value.substring(equals + 1, at));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("'" + flag + "': " + ex.getMessage(), ex);
		}
		builder.route(value.substring(0, equals), routeResponse ? integration.withRouteResponse() : integration);
	}

	private static void throttle(WebSocketApiEmulator.Builder builder, String value) {
		String[] parts = value.split(",");
		if (parts.length != 2) {
			throw new IllegalArgumentException(
					"'--throttle' must look like RATE,BURST, e.g. 10000,5000, but was '" + value + "'");
		}
		try {
			builder.throttling(Double.parseDouble(parts[0].trim()), number(parts[1].trim(), "--throttle"));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'--throttle' rate must be a number but was '" + parts[0] + "'");
		}
	}

	/**
	 * Key up to the first colon, region after the last one: a secret may hold colons, a
	 * key or region never does.
	 */
	private static void signing(WebSocketApiEmulator.Builder builder, String value) {
		int first = value.indexOf(':');
		int last = value.lastIndexOf(':');
		if (first < 1 || last == first || last == value.length() - 1) {
			throw new IllegalArgumentException(
					"'--signing' must look like ACCESS_KEY:SECRET:REGION, e.g. AKIDLOCAL:secret:us-east-1");
		}
		builder.signing(SigningVerification.of(value.substring(0, first), value.substring(first + 1, last),
				value.substring(last + 1)));
	}

	private static int number(String value, String flag) {
		try {
			return Integer.parseInt(value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("'" + flag + "' must be a whole number but was '" + value + "'");
		}
	}

	static Duration duration(String value, String flag) {
		String lower = value.toLowerCase(Locale.ROOT);
		try {
			if (lower.startsWith("p")) {
				return Duration.parse(value);
			}
			if (lower.endsWith("ms")) {
				return Duration.ofMillis(Long.parseLong(lower.substring(0, lower.length() - 2)));
			}
			long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
			return switch (lower.charAt(lower.length() - 1)) {
				case 's' -> Duration.ofSeconds(amount);
				case 'm' -> Duration.ofMinutes(amount);
				case 'h' -> Duration.ofHours(amount);
				default -> throw new NumberFormatException();
			};
		}
		catch (DateTimeParseException | NumberFormatException | StringIndexOutOfBoundsException ex) {
			throw new IllegalArgumentException(
					"'" + flag + "' must be a duration like 30s, 10m, 2h or PT10M but was '" + value + "'");
		}
	}

}
