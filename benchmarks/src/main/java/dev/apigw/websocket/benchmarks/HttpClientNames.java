package dev.apigw.websocket.benchmarks;

import java.lang.reflect.Field;

import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;

/**
 * The HTTP client an SDK client really uses, read from its configuration, so that a table
 * names what was measured rather than what was meant (the SDK chooses among the HTTP
 * clients on the classpath when none is set).
 */
final class HttpClientNames {

	private HttpClientNames() {
	}

	static String of(SdkClient client) {
		try {
			Field field = client.getClass().getDeclaredField("clientConfiguration");
			field.setAccessible(true);
			SdkClientConfiguration configuration = (SdkClientConfiguration) field.get(client);
			SdkHttpClient sync = configuration.option(SdkClientOption.SYNC_HTTP_CLIENT);
			if (sync != null) {
				return sync.clientName();
			}
			SdkAsyncHttpClient async = configuration.option(SdkClientOption.ASYNC_HTTP_CLIENT);
			return (async != null) ? async.clientName() : "none";
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return "unknown (" + ex.getClass().getSimpleName() + ")";
		}
	}

}
