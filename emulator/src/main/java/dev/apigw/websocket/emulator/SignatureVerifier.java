package dev.apigw.websocket.emulator;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * Checks the AWS Signature Version 4 that a management request carries, as the service
 * does: the canonical request is built from what the client signed (its
 * {@code SignedHeaders}, its path and query as sent, its payload hash), the signing key
 * is derived from the configured secret for the client's credential scope, and the
 * signatures are compared in constant time. Refusals carry the error type API Gateway
 * sends.
 */
final class SignatureVerifier {

	static final String SERVICE = "execute-api";

	/** API Gateway refuses requests signed more than 5 minutes away from its clock. */
	static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

	static final String MISSING_TOKEN = "MissingAuthenticationTokenException";

	static final String INVALID_SIGNATURE = "InvalidSignatureException";

	static final String UNRECOGNIZED_CLIENT = "UnrecognizedClientException";

	private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

	private static final String HMAC = "HmacSHA256";

	private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	private static final HexFormat HEX = HexFormat.of();

	/** Per thread, as looking the algorithm up costs more than hashing a small body. */
	private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(SignatureVerifier::newSha256);

	private final SigningVerification expected;

	private final Clock clock;

	/**
	 * Per thread (the event loops), a MAC keyed with the signing key of the last scope
	 * date seen: deriving the key takes four HMACs and looking up the algorithms costs
	 * more than the checks themselves. Region, service and secret are fixed, so the date
	 * is the whole cache key, and one entry per thread bounds it.
	 */
	private final ThreadLocal<SigningMac> signingMacs = new ThreadLocal<>();

	SignatureVerifier(SigningVerification expected) {
		this(expected, Clock.systemUTC());
	}

	SignatureVerifier(SigningVerification expected, Clock clock) {
		this.expected = expected;
		this.clock = clock;
	}

	/**
	 * Why the request is refused, or {@code null} when its signature is valid.
	 */
	@Nullable Refusal refusal(ManagementCall call) {
		String header = call.headers().get("Authorization");
		if (header == null || header.isBlank()) {
			return new Refusal(MISSING_TOKEN, "Missing Authentication Token");
		}
		SigV4Authorization authorization;
		try {
			authorization = SigV4Authorization.parse(header);
		}
		catch (IllegalArgumentException ex) {
			return invalid(ex.getMessage());
		}
		String amzDate = call.headers().get("X-Amz-Date");
		if (amzDate == null) {
			return invalid("Authorization header requires existence of an 'X-Amz-Date' header");
		}
		Instant signedAt = parseAmzDate(amzDate);
		if (signedAt == null) {
			return invalid("'X-Amz-Date' must have the form yyyyMMdd'T'HHmmss'Z' (e.g. 20260101T120000Z) but was '"
					+ amzDate + "'");
		}
		if (!authorization.accessKeyId().equals(this.expected.accessKeyId())) {
			return new Refusal(UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
		}
		Refusal scope = scopeRefusal(authorization, amzDate);
		if (scope != null) {
			return scope;
		}
		Refusal skew = skewRefusal(signedAt);
		if (skew != null) {
			return skew;
		}
		if (!authorization.signedHeaders().contains("host")) {
			return invalid("'Host' must be a 'SignedHeader' in the AWS Authorization.");
		}
		String declaredHash = call.headers().get("x-amz-content-sha256");
		String bodyHash = (declaredHash != null && declaredHash.equals(UNSIGNED_PAYLOAD)) ? UNSIGNED_PAYLOAD
				: HEX.formatHex(sha256(call.body()));
		if (declaredHash != null && !declaredHash.equals(UNSIGNED_PAYLOAD) && !declaredHash.equals(bodyHash)) {
			return invalid("The 'x-amz-content-sha256' header does not match the SHA-256 of the body");
		}
		String canonicalRequest = CanonicalRequest.of(call.method().name(), call.rawPath(), call.rawQuery(),
				call.headers(), authorization.signedHeaders(), (declaredHash != null) ? declaredHash : bodyHash);
		String stringToSign = SigV4Authorization.ALGORITHM + "\n" + amzDate + "\n" + authorization.scope() + "\n"
				+ HEX.formatHex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
		byte[] computed = signingMac(authorization).doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
		byte[] sent = authorization.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
		if (!MessageDigest.isEqual(HEX.formatHex(computed).getBytes(StandardCharsets.US_ASCII), sent)) {
			return invalid("The request signature we calculated does not match the signature you provided. "
					+ "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
		}
		return null;
	}

	private @Nullable Refusal scopeRefusal(SigV4Authorization authorization, String amzDate) {
		if (!authorization.date().equals(amzDate.substring(0, 8))) {
			return invalid("Credential should be scoped to a valid date: the date of 'X-Amz-Date' " + amzDate
					+ ", not '" + authorization.date() + "'.");
		}
		if (!authorization.region().equals(this.expected.region())) {
			return invalid("Credential should be scoped to a valid region, not '" + authorization.region()
					+ "'. The emulator expects '" + this.expected.region() + "'.");
		}
		if (!authorization.service().equals(SERVICE)) {
			return invalid("Credential should be scoped to correct service: '" + SERVICE + "', not '"
					+ authorization.service() + "'.");
		}
		return null;
	}

	private @Nullable Refusal skewRefusal(Instant signedAt) {
		Instant now = this.clock.instant();
		if (signedAt.isBefore(now.minus(MAX_CLOCK_SKEW))) {
			return invalid("Signature expired: " + AMZ_DATE.format(signedAt) + " is now earlier than "
					+ AMZ_DATE.format(now.minus(MAX_CLOCK_SKEW)) + " (" + AMZ_DATE.format(now) + " - 5 min.)");
		}
		if (signedAt.isAfter(now.plus(MAX_CLOCK_SKEW))) {
			return invalid("Signature not yet current: " + AMZ_DATE.format(signedAt) + " is still later than "
					+ AMZ_DATE.format(now.plus(MAX_CLOCK_SKEW)) + " (" + AMZ_DATE.format(now) + " + 5 min.)");
		}
		return null;
	}

	/**
	 * This thread's MAC keyed with the signing key of the request's scope (whose region
	 * and service were checked to be the expected ones).
	 */
	private Mac signingMac(SigV4Authorization authorization) {
		SigningMac cached = this.signingMacs.get();
		if (cached == null || !cached.date().equals(authorization.date())) {
			cached = new SigningMac(authorization.date(), newMac(signingKey(authorization)));
			this.signingMacs.set(cached);
		}
		return cached.mac();
	}

	/**
	 * HMAC chain from the secret through the scope's date, region and service.
	 */
	private byte[] signingKey(SigV4Authorization authorization) {
		byte[] key = ("AWS4" + this.expected.secretAccessKey()).getBytes(StandardCharsets.UTF_8);
		key = hmac(key, authorization.date());
		key = hmac(key, authorization.region());
		key = hmac(key, authorization.service());
		return hmac(key, SigV4Authorization.TERMINATOR);
	}

	private static byte[] hmac(byte[] key, String data) {
		return newMac(key).doFinal(data.getBytes(StandardCharsets.UTF_8));
	}

	private static Mac newMac(byte[] key) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(new SecretKeySpec(key, HMAC));
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available in this JVM", ex);
		}
	}

	private static byte[] sha256(byte[] data) {
		// digest(...) resets the digest, so the thread's instance is ready for the next
		return SHA_256.get().digest(data);
	}

	private static MessageDigest newSha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is not available in this JVM", ex);
		}
	}

	private static @Nullable Instant parseAmzDate(String amzDate) {
		try {
			return Instant.from(AMZ_DATE.parse(amzDate));
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static Refusal invalid(String message) {
		return new Refusal(INVALID_SIGNATURE, message);
	}

	/**
	 * A MAC keyed for one scope date.
	 *
	 * @param date scope date, {@code yyyyMMdd}
	 * @param mac MAC keyed with that date's signing key
	 */
	private record SigningMac(String date, Mac mac) {
	}

	/**
	 * A 403 answer: the {@code x-amzn-ErrorType} and the message.
	 *
	 * @param errorType AWS error type
	 * @param message what is wrong
	 */
	record Refusal(String errorType, String message) {
	}

}
