package dev.apigw.websocket.emulator;

import java.util.Objects;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit Jupiter extension that starts one emulator per test class (shared with its
 * {@code @Nested} classes), injects it into test and lifecycle method parameters of type
 * {@link WebSocketApiEmulator}, clears injected faults after each test and closes the
 * emulator after the class.
 * <p>
 * With defaults: {@code @ExtendWith(WebSocketApiEmulatorExtension.class)}. With settings:
 * <pre class="code">
 * &#64;RegisterExtension
 * static final WebSocketApiEmulatorExtension emulator = WebSocketApiEmulatorExtension
 *     .withSettings((builder) -&gt; builder.stage("test").throttlingDisabled());
 * </pre>
 *
 * @since 0.1.0
 */
public final class WebSocketApiEmulatorExtension
		implements BeforeAllCallback, AfterAllCallback, AfterEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(WebSocketApiEmulatorExtension.class);

	private static final String KEY = "emulator";

	private final Consumer<WebSocketApiEmulator.Builder> settings;

	private volatile @Nullable WebSocketApiEmulator emulator;

	/**
	 * An extension whose emulator has the builder's defaults (stage {@code local},
	 * ephemeral port).
	 */
	public WebSocketApiEmulatorExtension() {
		this((builder) -> {
		});
	}

	private WebSocketApiEmulatorExtension(Consumer<WebSocketApiEmulator.Builder> settings) {
		this.settings = settings;
	}

	/**
	 * An extension whose emulator is built with the given settings.
	 * @param settings customizes the builder before the emulator starts
	 * @return the extension, to register with {@code @RegisterExtension} on a static
	 * field
	 */
	public static WebSocketApiEmulatorExtension withSettings(Consumer<WebSocketApiEmulator.Builder> settings) {
		return new WebSocketApiEmulatorExtension(Objects.requireNonNull(settings, "'settings' must not be null"));
	}

	/**
	 * The running emulator of the current test class.
	 * @return the emulator
	 * @throws IllegalStateException outside a test class's lifecycle
	 */
	public WebSocketApiEmulator emulator() {
		WebSocketApiEmulator running = this.emulator;
		if (running == null) {
			throw new IllegalStateException("The emulator runs only while a test class runs; "
					+ "register the extension on a static field or with @ExtendWith");
		}
		return running;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		ExtensionContext.Store store = context.getStore(NAMESPACE);
		WebSocketApiEmulator inherited = store.get(KEY, WebSocketApiEmulator.class);
		if (inherited != null) {
			this.emulator = inherited;
			return;
		}
		WebSocketApiEmulator.Builder builder = WebSocketApiEmulator.builder();
		this.settings.accept(builder);
		WebSocketApiEmulator started = builder.start();
		store.put(KEY, started);
		this.emulator = started;
	}

	@Override
	public void afterEach(ExtensionContext context) {
		WebSocketApiEmulator running = context.getStore(NAMESPACE).get(KEY, WebSocketApiEmulator.class);
		if (running != null) {
			running.faults().clear();
		}
	}

	@Override
	public void afterAll(ExtensionContext context) {
		WebSocketApiEmulator owned = context.getStore(NAMESPACE).remove(KEY, WebSocketApiEmulator.class);
		if (owned != null) {
			owned.close();
			this.emulator = null;
		}
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == WebSocketApiEmulator.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		WebSocketApiEmulator running = extensionContext.getStore(NAMESPACE).get(KEY, WebSocketApiEmulator.class);
		return (running != null) ? running : emulator();
	}

}
