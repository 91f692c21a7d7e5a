package dev.apigw.websocket;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.RegionMetadata;

import org.springframework.util.Assert;

/**
 * The {@code @connections} endpoint a template talks to, with the parts used to tag
 * observations and events. The one home of the endpoint's form: the
 * {@link #EXECUTE_API_TEMPLATE execute-api URL}, how its host is read and how a WebSocket
 * scheme maps to the HTTP scheme of the management API.
 *
 * @param uri the endpoint, e.g.
 * {@code https://abc123.execute-api.eu-west-1.amazonaws.com/prod}
 * @param apiId the API id, if known
 * @param stage the stage, if the endpoint has one
 * @param region the region, if known
 * @author apigw-websocket
 * @since 0.1.0
 */
public record ManagementEndpoint(URI uri, @Nullable String apiId, @Nullable String stage, @Nullable String region) {

	/**
	 * The management endpoint of an API on its default domain, as it reads in messages.
	 */
	public static final String EXECUTE_API_TEMPLATE = "https://{api-id}.execute-api.{region}.amazonaws.com/{stage}";

	private static final Pattern EXECUTE_API_HOST = Pattern
		.compile("([a-z0-9]+)\\.execute-api\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

	/**
	 * Validate the endpoint.
	 * @param uri the absolute endpoint URI
	 * @param apiId the API id, if known
	 * @param stage the stage, if any
	 * @param region the region, if known
	 */
	public ManagementEndpoint {
		Assert.notNull(uri, "'uri' must not be null");
		Assert.isTrue(uri.isAbsolute() && uri.getHost() != null,
				() -> "'uri' must be an absolute URI with a host, e.g. " + EXECUTE_API_TEMPLATE + ", was '" + uri
						+ "'");
	}

	/**
	 * Create an endpoint from a URI, normalising {@code wss://} to {@code https://} (and
	 * {@code ws://} to {@code http://}, any scheme to lower case), deriving API id and
	 * region from {@code {api-id}.execute-api.{region}.amazonaws.com} hosts and the stage
	 * from the first path segment.
	 * @param uri the endpoint URI
	 * @return the endpoint
	 */
	public static ManagementEndpoint of(URI uri) {
		Assert.notNull(uri, "'uri' must not be null");
		URI normalized = normalizeScheme(uri);
		String host = (normalized.getHost() != null) ? normalized.getHost().toLowerCase(Locale.ROOT) : "";
		Matcher executeApi = EXECUTE_API_HOST.matcher(host);
		boolean matches = executeApi.matches();
		return new ManagementEndpoint(normalized, matches ? executeApi.group(1) : null, firstPathSegment(normalized),
				matches ? executeApi.group(2) : null);
	}

	/**
	 * Create the endpoint of an API on its default domain, {@value #EXECUTE_API_TEMPLATE}
	 * (in the China regions, {@code amazonaws.com.cn}).
	 * @param apiId the API id
	 * @param region the region of the API, for example {@code eu-west-1}
	 * @param stage the stage
	 * @return the endpoint
	 */
	public static ManagementEndpoint executeApi(String apiId, String region, String stage) {
		Assert.hasText(apiId, "'apiId' must not be blank");
		Assert.hasText(region, "'region' must not be blank");
		Assert.hasText(stage, "'stage' must not be blank");
		RegionMetadata metadata = Region.of(region).metadata();
		String domain = (metadata != null) ? metadata.domain() : "amazonaws.com";
		return of(URI.create("https://" + apiId + ".execute-api." + region + "." + domain + "/" + stage));
	}

	/**
	 * Return the value of the {@code api} observation key.
	 * @return the API id, or the host when it is not known
	 */
	public String apiTag() {
		return (this.apiId != null) ? this.apiId : this.uri.getHost();
	}

	/**
	 * Return the value of the {@code stage} observation key.
	 * @return the stage, or {@code "none"} when the endpoint has none
	 */
	public String stageTag() {
		return (this.stage != null) ? this.stage : "none";
	}

	// wss and ws as https and http; any scheme in lower case
	private static URI normalizeScheme(URI uri) {
		String scheme = uri.getScheme();
		if (scheme == null) {
			return uri;
		}
		String lowerCase = scheme.toLowerCase(Locale.ROOT);
		String normalized = switch (lowerCase) {
			case "wss" -> "https";
			case "ws" -> "http";
			default -> lowerCase;
		};
		return normalized.equals(scheme) ? uri : URI.create(normalized + uri.toString().substring(scheme.length()));
	}

	private static @Nullable String firstPathSegment(URI uri) {
		String path = uri.getPath();
		if (path == null) {
			return null;
		}
		for (String segment : path.split("/")) {
			if (!segment.isEmpty()) {
				return segment;
			}
		}
		return null;
	}

}
