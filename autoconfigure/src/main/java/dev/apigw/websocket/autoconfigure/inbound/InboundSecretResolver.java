package dev.apigw.websocket.autoconfigure.inbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.apigw.websocket.inbound.InboundHeaders;
import dev.apigw.websocket.inbound.SharedSecret;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Turns the {@code apigw.websocket.inbound.*} properties into the endpoint's
 * {@link SharedSecret}, failing closed: without a secret the endpoint starts only on a
 * server bound to a loopback address or when unauthenticated requests are allowed
 * explicitly, and a secret that is blank, short or an unresolved placeholder fails
 * startup.
 */
final class InboundSecretResolver {

	/** Minimum length of the shared secret. */
	static final int MIN_SECRET_LENGTH = 16;

	static final String SECRET_PROPERTY = "apigw.websocket.inbound.secret";

	static final String SECRET_HEADER_PROPERTY = "apigw.websocket.inbound.secret-header";

	static final String ALLOW_UNAUTHENTICATED_PROPERTY = "apigw.websocket.inbound.allow-unauthenticated";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

	private static final Log logger = LogFactory.getLog(InboundSecretResolver.class);

	private InboundSecretResolver() {
	}

	/**
	 * Return the secret that every request must carry, or {@code null} when requests need
	 * none.
	 * @throws InboundSecretException if the secret is unusable, or missing where it is
	 * required
	 */
	static @Nullable SharedSecret resolve(InboundEventsProperties properties, Environment environment) {
		String header = properties.getSecretHeader();
		if (!StringUtils.hasText(header)) {
			throw new InboundSecretException("'" + SECRET_HEADER_PROPERTY + "' is blank.",
					"Set '" + SECRET_HEADER_PROPERTY
							+ "' to the header that the integrations send the secret in, or remove it "
							+ "to use the default '" + InboundHeaders.DEFAULT_SECRET_HEADER + "'.");
		}
		String secret = properties.getSecret();
		if (secret == null) {
			withoutSecret(properties, environment);
			return null;
		}
		check(secret, header);
		return new SharedSecret(header, secret);
	}

	private static void check(String secret, String header) {
		Matcher placeholder = PLACEHOLDER.matcher(secret);
		if (placeholder.find()) {
			// never print the value itself, but the placeholder is only a name
			String name = placeholder.group(1);
			throw new InboundSecretException(
					"'" + SECRET_PROPERTY + "' contains the unresolved placeholder '" + placeholder.group()
							+ "': nothing defines '" + name + "'.",
					"Set the environment variable or property '" + name + "' to the secret that the integrations send"
							+ " in header '" + header + "' (at least " + MIN_SECRET_LENGTH + " characters), or set '"
							+ SECRET_PROPERTY + "' directly.");
		}
		if (secret.isBlank()) {
			throw new InboundSecretException("'" + SECRET_PROPERTY + "' is blank.", setSecret(header));
		}
		if (secret.length() < MIN_SECRET_LENGTH) {
			throw new InboundSecretException("'" + SECRET_PROPERTY + "' is " + secret.length()
					+ " characters long; at least " + MIN_SECRET_LENGTH + " are required so that it cannot be guessed.",
					setSecret(header));
		}
	}

	private static void withoutSecret(InboundEventsProperties properties, Environment environment) {
		if (properties.isAllowUnauthenticated()) {
			logger.warn("The API Gateway inbound endpoint " + properties.getPath()
					+ " accepts requests without a shared secret (" + ALLOW_UNAUTHENTICATED_PROPERTY
					+ "=true): anyone who can reach the application can forge connect, message and disconnect events");
			return;
		}
		String address = environment.getProperty("server.address");
		if (address != null && isLoopback(address)) {
			logger.info("The API Gateway inbound endpoint " + properties.getPath()
					+ " accepts requests without a shared secret: the server listens on loopback address " + address
					+ " only");
			return;
		}
		String where = StringUtils.hasText(address)
				? "on '" + address + "' ('server.address'), which is not a loopback address"
				: "on all interfaces ('server.address' is not set)";
		throw new InboundSecretException(
				"'" + SECRET_PROPERTY + "' is not set and the server listens " + where + ": anyone who can reach "
						+ properties.getPath() + " could forge connect, message and disconnect events.",
				setSecret(properties.getSecretHeader()) + " Or bind the server to a loopback address"
						+ " ('server.address=127.0.0.1'), accept unauthenticated requests with '"
						+ ALLOW_UNAUTHENTICATED_PROPERTY + "=true' (behind network controls that admit API Gateway"
						+ " alone), or switch the endpoint off with 'apigw.websocket.inbound.enabled=false'.");
	}

	private static String setSecret(String header) {
		return "Set '" + SECRET_PROPERTY + "' to a random value of at least " + MIN_SECRET_LENGTH
				+ " characters (for example from 'openssl rand -hex 32') and send it from every route integration as"
				+ " a static header: integration.request.header." + header + " = 'the-secret'.";
	}

	private static boolean isLoopback(String address) {
		try {
			return InetAddress.getByName(address.trim()).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

}
