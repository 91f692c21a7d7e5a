package dev.apigw.websocket;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import javax.net.ssl.SSLHandshakeException;

import org.jspecify.annotations.Nullable;

/**
 * Classifies a failure that came with no HTTP response by what it says about the request:
 * never made because of the client's configuration, never sent because no connection
 * could be opened, or possibly sent. The SDK has no exception types for the first two, so
 * its cause chain, messages and stack frames are read, as precisely as the SDK allows.
 */
final class ClientFailures {

	private static final int MAX_CAUSES = 32;

	// connect timeouts of the Apache clients, which are not ConnectExceptions
	private static final Set<String> CONNECT_TIMEOUTS = Set.of("org.apache.hc.client5.http.ConnectTimeoutException",
			"org.apache.http.conn.ConnectTimeoutException");

	// the SDK's Netty client could not get a connection from its pool in time: the
	// request
	// never reached a socket (seen when connects to a closed port stall under load)
	private static final String NETTY_ACQUIRE_TIMEOUT = "Acquire operation took longer than the configured maximum time";

	// methods of AwsCredentialsProvider and IdentityProvider: a failure raised inside
	// them is a credentials failure
	private static final Set<String> CREDENTIALS_METHODS = Set.of("resolveCredentials", "resolveIdentity");

	private static final String CREDENTIALS_FIX = "configure credentials with spring.cloud.aws.credentials.* "
			+ "(Spring Cloud AWS) or the SDK's default chain (environment variables AWS_ACCESS_KEY_ID and "
			+ "AWS_SECRET_ACCESS_KEY, an ~/.aws profile, a container or instance role)";

	private static final String REGION_FIX = "set apigw.websocket.region or spring.cloud.aws.region.static";

	private static final String SDK_VERSIONS_FIX = "mixed AWS SDK versions on the classpath: align them "
			+ "(import the AWS SDK BOM or apigw-websocket-dependencies)";

	private ClientFailures() {
	}

	/**
	 * Describe the configuration problem that made the call fail before any request.
	 * @param failure what the SDK call failed with
	 * @return the problem and its fix, or {@code null} when the failure is not one
	 */
	static @Nullable String configurationProblem(Throwable failure) {
		for (Throwable current : causes(failure)) {
			String message = String.valueOf(current.getMessage());
			String lowerCase = message.toLowerCase(Locale.ROOT);
			if (current instanceof LinkageError) {
				return SDK_VERSIONS_FIX + " (" + current + ")";
			}
			if (lowerCase.contains("a signer was not configured")) {
				return SDK_VERSIONS_FIX + " (" + message + ")";
			}
			if (lowerCase.contains("unable to load credentials") || raisedResolvingCredentials(current)) {
				return "no AWS credentials: " + CREDENTIALS_FIX + " (" + message + ")";
			}
			if (lowerCase.contains("unable to load region")) {
				return "no AWS region: " + REGION_FIX + " (" + message + ")";
			}
		}
		return null;
	}

	/**
	 * Return whether the failure happened before any byte of the request was sent: no
	 * connection could be opened (refused, unknown host, no route, connect timeout, TLS
	 * handshake, no pooled connection within the acquire timeout).
	 * @param failure what the SDK call failed with
	 * @return {@code true} when the request was certainly not sent
	 */
	static boolean notSent(Throwable failure) {
		for (Throwable current : causes(failure)) {
			if (current instanceof ConnectException || current instanceof UnknownHostException
					|| current instanceof NoRouteToHostException || current instanceof SSLHandshakeException
					|| CONNECT_TIMEOUTS.contains(current.getClass().getName())
					|| (current.getMessage() != null && current.getMessage().contains(NETTY_ACQUIRE_TIMEOUT))) {
				return true;
			}
		}
		return false;
	}

	private static boolean raisedResolvingCredentials(Throwable failure) {
		for (StackTraceElement frame : failure.getStackTrace()) {
			if (CREDENTIALS_METHODS.contains(frame.getMethodName())) {
				return true;
			}
		}
		return false;
	}

	// the failure and its causes, bounded in case of a cycle
	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new ArrayList<>();
		for (Throwable current = failure; current != null && causes.size() < MAX_CAUSES
				&& !causes.contains(current); current = current.getCause()) {
			causes.add(current);
		}
		return causes;
	}

}
