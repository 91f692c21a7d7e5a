package dev.apigw.websocket.autoconfigure;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.regions.Region;

import org.springframework.util.StringUtils;

import dev.apigw.websocket.ManagementEndpoint;

/**
 * Turns {@link WebSocketProperties} into a validated management endpoint and signing
 * region, failing with an {@link InvalidWebSocketEndpointException} that names the
 * property to fix.
 */
final class WebSocketEndpointResolver {

	static final String ENDPOINT = WebSocketProperties.PREFIX + ".endpoint";

	static final String API_ID = WebSocketProperties.PREFIX + ".api-id";

	static final String STAGE = WebSocketProperties.PREFIX + ".stage";

	static final String REGION = WebSocketProperties.PREFIX + ".region";

	private static final Pattern API_ID_PATTERN = Pattern.compile("[a-z0-9]+");

	private static final Pattern STAGE_PATTERN = Pattern.compile("[A-Za-z0-9_-]+");

	private static final Pattern REGION_PATTERN = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)+");

	private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	private WebSocketEndpointResolver() {
	}

	/**
	 * Resolve the endpoint described by the given properties.
	 * @param properties the properties
	 * @param regionChain the region to use when neither the properties nor the host give
	 * one and one is needed to build the host (api-id form)
	 * @return the endpoint and its signing region ({@code null} region: use the region
	 * resolved by Spring Cloud AWS)
	 */
	static ResolvedEndpoint resolve(WebSocketProperties properties, Supplier<Region> regionChain) {
		Region region = parseRegion(properties.getRegion());
		if (StringUtils.hasText(properties.getEndpoint())) {
			if (StringUtils.hasText(properties.getApiId())) {
				throw invalid(ENDPOINT, properties.getEndpoint(),
						"Both '" + ENDPOINT + "' and '" + API_ID + "' are set; set only one of them.");
			}
			return fromEndpoint(properties.getEndpoint().trim(), properties.getStage(), region);
		}
		if (StringUtils.hasText(properties.getApiId())) {
			return fromApiId(properties.getApiId().trim(), properties.getStage(), region, regionChain);
		}
		throw invalid(ENDPOINT, null, "No API Gateway WebSocket endpoint is configured.");
	}

	private static ResolvedEndpoint fromEndpoint(String endpoint, @Nullable String stage, @Nullable Region region) {
		URI uri = parseUri(endpoint);
		String host = uri.getHost();
		if (host == null) {
			throw invalid(ENDPOINT, endpoint, (uri.getScheme() != null) ? "The endpoint '" + endpoint + "' has no host."
					: "The endpoint '" + endpoint + "' must start with https:// (or wss://).");
		}
		if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw invalid(ENDPOINT, endpoint,
					"The endpoint '" + endpoint + "' must not contain user info, a query or a fragment.");
		}
		String path = withStage(endpoint, stripTrailingSlashes(uri.getRawPath()), stage);
		ManagementEndpoint parsed = ManagementEndpoint
			.of(URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path));
		URI normalised = parsed.uri();
		String scheme = normalised.getScheme();
		if (!scheme.equals("https") && !scheme.equals("http")) {
			throw invalid(ENDPOINT, endpoint, "The endpoint '" + endpoint + "' must start with https:// (or wss://).");
		}
		boolean loopback = isLoopback(host.toLowerCase(Locale.ROOT));
		if (scheme.equals("http") && !loopback) {
			throw invalid(ENDPOINT, endpoint, "The endpoint '" + endpoint
					+ "' uses plain http, which is accepted for loopback hosts only; use https.");
		}
		if (parsed.region() != null) {
			if (path.isEmpty()) {
				throw invalid(STAGE, stage, "The endpoint '" + endpoint
						+ "' is an execute-api host without a stage in its path; calls to it fail with 403 Forbidden.");
			}
			Region hostRegion = Region.of(parsed.region());
			if (region != null && !region.equals(hostRegion)) {
				throw invalid(REGION, region.id(),
						"The region '" + region.id() + "' does not match the region '" + hostRegion.id()
								+ "' of the endpoint '" + endpoint + "'; calls would fail with 403 Forbidden.");
			}
			return new ResolvedEndpoint(normalised, hostRegion);
		}
		if (!loopback && region == null) {
			throw invalid(REGION, null, "The endpoint '" + endpoint
					+ "' is a custom domain, so the region of the API cannot be derived from it.");
		}
		return new ResolvedEndpoint(normalised, region);
	}

	private static ResolvedEndpoint fromApiId(String apiId, @Nullable String stage, @Nullable Region configuredRegion,
			Supplier<Region> regionChain) {
		if (!API_ID_PATTERN.matcher(apiId).matches()) {
			throw invalid(API_ID, apiId,
					"The API id '" + apiId + "' is not valid; it contains only lower-case letters and digits.");
		}
		if (!StringUtils.hasText(stage)) {
			throw invalid(STAGE, stage, "'" + API_ID + "' is set without '" + STAGE + "'.");
		}
		String validStage = validStage(stage);
		Region region = (configuredRegion != null) ? configuredRegion : chainRegion(regionChain);
		return new ResolvedEndpoint(ManagementEndpoint.executeApi(apiId, region.id(), validStage).uri(), region);
	}

	private static String withStage(String endpoint, String path, @Nullable String stage) {
		if (!StringUtils.hasText(stage)) {
			return path;
		}
		String validStage = validStage(stage);
		if (path.isEmpty()) {
			return "/" + validStage;
		}
		String firstSegment = path.substring(1).split("/", 2)[0];
		if (!firstSegment.equals(validStage)) {
			throw invalid(STAGE, stage, "The stage '" + stage + "' conflicts with the path of the endpoint '" + endpoint
					+ "'; the stage is taken from the endpoint's path when it has one.");
		}
		return path;
	}

	private static String validStage(String stage) {
		String trimmed = stage.trim();
		if (!STAGE_PATTERN.matcher(trimmed).matches()) {
			throw invalid(STAGE, stage, "The stage '" + stage
					+ "' is not valid; it contains only letters, digits, hyphens and underscores.");
		}
		return trimmed;
	}

	private static @Nullable Region parseRegion(@Nullable String region) {
		if (!StringUtils.hasText(region)) {
			return null;
		}
		String trimmed = region.trim();
		if (!REGION_PATTERN.matcher(trimmed).matches()) {
			throw invalid(REGION, region, "The region '" + region + "' is not a valid AWS region name.");
		}
		return Region.of(trimmed);
	}

	private static Region chainRegion(Supplier<Region> regionChain) {
		try {
			return regionChain.get();
		}
		catch (RuntimeException ex) {
			throw new InvalidWebSocketEndpointException(REGION, null,
					"No region is configured for the API and none could be resolved: " + ex.getMessage(), ex);
		}
	}

	private static URI parseUri(String endpoint) {
		try {
			return new URI(endpoint);
		}
		catch (URISyntaxException ex) {
			throw new InvalidWebSocketEndpointException(ENDPOINT, endpoint,
					"The endpoint '" + endpoint + "' is not a valid URI: " + ex.getMessage(), ex);
		}
	}

	private static String stripTrailingSlashes(@Nullable String path) {
		String result = (path != null) ? path : "";
		while (result.endsWith("/")) {
			result = result.substring(0, result.length() - 1);
		}
		return result;
	}

	static boolean isLoopback(String host) {
		if (host.equals("localhost") || host.endsWith(".localhost")) {
			return true;
		}
		boolean ipLiteral = IPV4_LITERAL.matcher(host).matches() || host.startsWith("[");
		if (!ipLiteral) {
			return false;
		}
		try {
			// an IP literal is parsed, never looked up
			return InetAddress.getByName(host.replace("[", "").replace("]", "")).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static InvalidWebSocketEndpointException invalid(String property, @Nullable String value, String reason) {
		return new InvalidWebSocketEndpointException(property, value, reason, null);
	}

	/**
	 * A validated management endpoint.
	 *
	 * @param uri the normalised endpoint
	 * @param region the signing region, {@code null} to use the region resolved by Spring
	 * Cloud AWS
	 */
	record ResolvedEndpoint(URI uri, @Nullable Region region) {
	}

}
