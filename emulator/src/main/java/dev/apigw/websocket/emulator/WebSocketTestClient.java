package dev.apigw.websocket.emulator;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A real WebSocket client ({@link java.net.http.WebSocket}) for tests: connects to an API
 * Gateway WebSocket API (usually the local emulator), records every message that arrives,
 * in arrival order, and waits for messages or for the server's close. Messages larger
 * than 1 MiB and more than 10,000 messages are refused: the client then aborts the
 * connection and every later wait fails, naming the limit. A connection that ends without
 * a close frame counts as closed with 1006, as browsers report it.
 * <p>
 * Connected with {@link #connect(WebSocketApiEmulator)}, it knows the connection id the
 * emulator assigned. Ids are in API Gateway's shape and may contain {@code /}, {@code +}
 * and {@code =}: pass them to the template as they are, never pre-encoded.
 *
 * @since 0.1.0
 */
public final class WebSocketTestClient implements AutoCloseable {

	/**
	 * Default limit of every wait: connecting, the connection id, messages, the close.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

	static final int MAX_MESSAGES = 10_000;

	static final int MAX_MESSAGE_BYTES = 1024 * 1024;

	private static final String USER_AGENT_PREFIX = "apigw-websocket-test/";

	private static final int ABNORMAL_CLOSURE = 1006;

	// a close frame's payload is at most 125 bytes, two of them the status
	private static final int MAX_CLOSE_REASON_BYTES = 123;

	private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

	private static final long CONDITION_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

	private final Recorder recorder;

	private final WebSocket webSocket;

	private final @Nullable String connectionId;

	private WebSocketTestClient(Recorder recorder, WebSocket webSocket, @Nullable String connectionId) {
		this.recorder = recorder;
		this.webSocket = webSocket;
		this.connectionId = connectionId;
	}

	/**
	 * Connect to an emulator and learn the connection id it assigned.
	 * @param emulator a running emulator
	 * @return the connected client
	 * @throws IllegalStateException if the handshake fails or the emulator does not list
	 * the connection within {@link #DEFAULT_TIMEOUT}
	 */
	public static WebSocketTestClient connect(WebSocketApiEmulator emulator) {
		return connect(emulator, MAX_MESSAGES, MAX_MESSAGE_BYTES);
	}

	static WebSocketTestClient connect(WebSocketApiEmulator emulator, int maxMessages, int maxMessageBytes) {
		Objects.requireNonNull(emulator, "'emulator' must not be null");
		String userAgent = USER_AGENT_PREFIX + UUID.randomUUID();
		Recorder recorder = new Recorder(maxMessages, maxMessageBytes, true);
		WebSocket webSocket = open(emulator.webSocketUri(), recorder, Map.of("User-Agent", userAgent));
		long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
		while (System.nanoTime() - deadline < 0) {
			for (EmulatedConnection connection : emulator.connections()) {
				if (userAgent.equals(connection.userAgent())) {
					return new WebSocketTestClient(recorder, webSocket, connection.id());
				}
			}
			// the client sees the handshake's response just before the emulator lists the
			// connection
			LockSupport.parkNanos(POLL_NANOS);
		}
		webSocket.abort();
		throw new IllegalStateException("The emulator at " + emulator.webSocketUri()
				+ " did not list the connection of '" + userAgent + "' within " + DEFAULT_TIMEOUT);
	}

	/**
	 * Connect to any WebSocket URI, for example a deployed API's {@code wss://} URL. The
	 * connection id is then unknown.
	 * @param uri the {@code ws://} or {@code wss://} URI
	 * @return the connected client
	 * @throws IllegalStateException if the handshake fails or takes longer than
	 * {@link #DEFAULT_TIMEOUT}
	 */
	public static WebSocketTestClient connect(URI uri) {
		return connect(uri, Map.of());
	}

	/**
	 * Connect with extra handshake headers, for the emulator's own tests.
	 */
	static WebSocketTestClient connect(URI uri, Map<String, String> headers) {
		return connect(uri, headers, true);
	}

	/**
	 * Connect, but read nothing until {@link #startReading()}: the JDK's client reads
	 * from the network only as far as messages are requested, so the server's writes back
	 * up, as with a slow browser.
	 */
	static WebSocketTestClient connectWithoutReading(URI uri) {
		return connect(uri, Map.of(), false);
	}

	private static WebSocketTestClient connect(URI uri, Map<String, String> headers, boolean reading) {
		Objects.requireNonNull(uri, "'uri' must not be null");
		Recorder recorder = new Recorder(MAX_MESSAGES, MAX_MESSAGE_BYTES, reading);
		return new WebSocketTestClient(recorder, open(uri, recorder, headers), null);
	}

	private static WebSocket open(URI uri, Recorder recorder, Map<String, String> headers) {
		WebSocket.Builder builder = SharedHttpClient.INSTANCE.newWebSocketBuilder().connectTimeout(DEFAULT_TIMEOUT);
		headers.forEach(builder::header);
		CompletableFuture<WebSocket> handshake = builder.buildAsync(uri, recorder);
		try {
			return handshake.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while connecting to " + uri, ex);
		}
		catch (ExecutionException ex) {
			// the cause is what went wrong, e.g. a WebSocketHandshakeException carrying
			// the refusal
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException("Could not connect to " + uri + ": " + describe(cause), cause);
		}
		catch (TimeoutException ex) {
			handshake.cancel(true);
			throw new IllegalStateException("Could not connect to " + uri + " within " + DEFAULT_TIMEOUT, ex);
		}
	}

	private static String describe(Throwable failure) {
		if (failure instanceof WebSocketHandshakeException refused) {
			// for example $connect's answer, which the emulator passes on as API Gateway
			// does
			return "the server refused the handshake with HTTP " + refused.getResponse().statusCode();
		}
		return failure.toString();
	}

	/**
	 * Return the connection id the emulator assigned.
	 * @return the connection id, as the management API expects it (not encoded)
	 * @throws IllegalStateException if the client was connected by URI
	 */
	public String connectionId() {
		if (this.connectionId == null) {
			throw new IllegalStateException(
					"The connection id is unknown: connect with WebSocketTestClient.connect(emulator) to learn it");
		}
		return this.connectionId;
	}

	/**
	 * Return the text messages received so far.
	 * @return the text messages, in arrival order, a copy
	 */
	public List<String> messages() {
		return this.recorder.texts();
	}

	/**
	 * Return the binary messages received so far.
	 * @return read-only buffers, in arrival order, a copy
	 */
	public List<ByteBuffer> binaryMessages() {
		return this.recorder.binaries();
	}

	/**
	 * Wait until at least {@code count} text messages have arrived, at most
	 * {@link #DEFAULT_TIMEOUT}.
	 * @param count the number of text messages to wait for, at least 1
	 * @return every text message received so far, in arrival order
	 * @throws AssertionError if fewer arrive in time, naming those that did
	 */
	public List<String> awaitMessages(int count) {
		return awaitMessages(count, DEFAULT_TIMEOUT);
	}

	/**
	 * Wait until at least {@code count} text messages have arrived.
	 * @param count the number of text messages to wait for, at least 1
	 * @param timeout how long to wait at most
	 * @return every text message received so far, in arrival order
	 * @throws AssertionError if fewer arrive in time, naming those that did
	 */
	public List<String> awaitMessages(int count, Duration timeout) {
		if (count < 1) {
			throw new IllegalArgumentException("'count' must be at least 1 but was " + count);
		}
		this.recorder.await(() -> this.recorder.textCount() >= count, timeout, () -> "Expected at least " + count
				+ " text message(s) within " + timeout + " but received " + this.recorder.texts());
		return messages();
	}

	/**
	 * Wait until the server closes the connection (for example after
	 * {@code template.disconnect(id)}), at most {@link #DEFAULT_TIMEOUT}.
	 * @return the close status the server sent, 1006 if the connection ended without one
	 * @throws AssertionError if the connection is still open in time
	 */
	public int awaitClose() {
		return awaitClose(DEFAULT_TIMEOUT);
	}

	/**
	 * Wait until the server closes the connection.
	 * @param timeout how long to wait at most
	 * @return the close status the server sent, 1006 if the connection ended without one
	 * @throws AssertionError if the connection is still open in time
	 */
	public int awaitClose(Duration timeout) {
		this.recorder.await(() -> this.recorder.closeStatus() != null, timeout,
				() -> "Expected the server to close the connection within " + timeout);
		return Objects.requireNonNull(this.recorder.closeStatus());
	}

	/**
	 * Send a text message to the API, as a browser would.
	 * @param text the message
	 */
	public void send(String text) {
		Objects.requireNonNull(text, "'text' must not be null");
		this.recorder.throwIfFailed();
		try {
			this.webSocket.sendText(text, true).get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not send the message: " + ex, ex);
		}
	}

	/**
	 * Send a binary message to the API.
	 * @param data the message
	 */
	public void sendBinary(byte[] data) {
		Objects.requireNonNull(data, "'data' must not be null");
		this.recorder.throwIfFailed();
		try {
			this.webSocket.sendBinary(ByteBuffer.wrap(data.clone()), true)
				.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while sending", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not send the message: " + ex, ex);
		}
	}

	/**
	 * Return whether the connection is open in both directions.
	 * @return {@code false} once either side closed it
	 */
	public boolean isOpen() {
		return !this.webSocket.isInputClosed() && !this.webSocket.isOutputClosed();
	}

	/**
	 * Close the connection with status 1000 and wait for the server's answer, at most
	 * {@link #DEFAULT_TIMEOUT}; abort it if the server does not answer.
	 */
	@Override
	public void close() {
		close(WebSocket.NORMAL_CLOSURE, "");
	}

	/**
	 * Close the connection with the given status and reason, as a browser's
	 * {@code socket.close(code, reason)} does (the emulator passes both to
	 * {@code $disconnect}), and wait for the server's answer, at most
	 * {@link #DEFAULT_TIMEOUT}; abort it if the server does not answer.
	 * @param statusCode the close status: 1000, or 3000 to 4999 (what browsers may send)
	 * @param reason the reason, at most 123 bytes of UTF-8
	 * @throws IllegalArgumentException if the status or the reason is not allowed
	 */
	public void close(int statusCode, String reason) {
		if (statusCode != WebSocket.NORMAL_CLOSURE && (statusCode < 3000 || statusCode > 4999)) {
			throw new IllegalArgumentException("'statusCode' must be 1000 or from 3000 to 4999 but was " + statusCode);
		}
		Objects.requireNonNull(reason, "'reason' must not be null");
		int reasonBytes = reason.getBytes(StandardCharsets.UTF_8).length;
		if (reasonBytes > MAX_CLOSE_REASON_BYTES) {
			throw new IllegalArgumentException(
					"'reason' must be at most " + MAX_CLOSE_REASON_BYTES + " bytes of UTF-8 but was " + reasonBytes);
		}
		if (!this.webSocket.isOutputClosed()) {
			try {
				this.webSocket.sendClose(statusCode, reason).get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				// wait for the listener to have recorded the server's close, not only for
				// the input to
				// be closed: aborting in between would lose the status that awaitClose()
				// reports
				this.recorder.awaitQuietly(() -> this.recorder.closeStatus() != null, DEFAULT_TIMEOUT);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException | TimeoutException ex) {
				// the connection is broken already: abort below
			}
		}
		this.webSocket.abort();
	}

	/**
	 * The JDK's WebSocket itself, for the emulator's own tests of what this client does
	 * not offer (fragmented messages, binary messages).
	 */
	WebSocket webSocket() {
		return this.webSocket;
	}

	/**
	 * Start reading after {@link #connectWithoutReading(URI)}.
	 */
	void startReading() {
		this.webSocket.request(1);
	}

	/**
	 * The reason of the server's close, empty until then.
	 */
	String closeReason() {
		return this.recorder.closeReason();
	}

	@Override
	public String toString() {
		return "WebSocketTestClient[connectionId=" + this.connectionId + "]";
	}

	/**
	 * One HTTP client (one selector thread) for every test client, created on first use.
	 */
	private static final class SharedHttpClient {

		static final HttpClient INSTANCE = HttpClient.newBuilder().connectTimeout(DEFAULT_TIMEOUT).build();

	}

	/**
	 * Listener that assembles and records messages; every public wait blocks on its lock.
	 */
	private static final class Recorder implements WebSocket.Listener {

		private final ReentrantLock lock = new ReentrantLock();

		private final Condition changed = this.lock.newCondition();

		private final List<String> texts = new ArrayList<>();

		private final List<ByteBuffer> binaries = new ArrayList<>();

		private final StringBuilder partialText = new StringBuilder();

		private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();

		private @Nullable Integer closeStatus;

		private String closeReason = "";

		private @Nullable String failure;

		private final int maxMessages;

		private final int maxMessageBytes;

		private final boolean reading;

		Recorder(int maxMessages, int maxMessageBytes, boolean reading) {
			this.maxMessages = maxMessages;
			this.maxMessageBytes = maxMessageBytes;
			this.reading = reading;
		}

		@Override
		public void onOpen(WebSocket webSocket) {
			if (this.reading) {
				webSocket.request(1);
			}
		}

		@Override
		public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			String refusal = null;
			this.lock.lock();
			try {
				this.partialText.append(data);
				if (this.partialText.length() > this.maxMessageBytes) {
					refusal = "a text message larger than " + this.maxMessageBytes + " characters arrived";
				}
				else if (last) {
					String text = this.partialText.toString();
					this.partialText.setLength(0);
					refusal = record(() -> this.texts.add(text));
				}
			}
			finally {
				this.lock.unlock();
			}
			return next(webSocket, refusal);
		}

		@Override
		public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
			String refusal = null;
			this.lock.lock();
			try {
				if (this.partialBinary.size() + data.remaining() > this.maxMessageBytes) {
					refusal = "a binary message larger than " + this.maxMessageBytes + " bytes arrived";
				}
				else {
					byte[] bytes = new byte[data.remaining()];
					data.get(bytes);
					this.partialBinary.writeBytes(bytes);
					if (last) {
						ByteBuffer message = ByteBuffer.wrap(this.partialBinary.toByteArray()).asReadOnlyBuffer();
						this.partialBinary.reset();
						refusal = record(() -> this.binaries.add(message));
					}
				}
			}
			finally {
				this.lock.unlock();
			}
			return next(webSocket, refusal);
		}

		/**
		 * Record one complete message unless the limit is reached; called with the lock
		 * held.
		 */
		private @Nullable String record(Runnable add) {
			if (this.texts.size() + this.binaries.size() >= this.maxMessages) {
				return "more than " + this.maxMessages + " messages arrived";
			}
			add.run();
			this.changed.signalAll();
			return null;
		}

		private @Nullable CompletionStage<?> next(WebSocket webSocket, @Nullable String refusal) {
			if (refusal != null) {
				fail("Refused: " + refusal + "; the test client keeps at most " + this.maxMessages
						+ " messages of at most " + this.maxMessageBytes + " bytes each, and aborted the connection");
				webSocket.abort();
				return null;
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			this.lock.lock();
			try {
				this.closeStatus = statusCode;
				this.closeReason = reason;
				this.changed.signalAll();
			}
			finally {
				this.lock.unlock();
			}
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			this.lock.lock();
			try {
				if (this.closeStatus == null) {
					// ended without a close frame: what browsers report as an abnormal
					// closure
					this.closeStatus = ABNORMAL_CLOSURE;
				}
			}
			finally {
				this.lock.unlock();
			}
			fail("The connection failed: " + error);
		}

		private void fail(String message) {
			this.lock.lock();
			try {
				if (this.failure == null) {
					this.failure = message;
				}
				this.changed.signalAll();
			}
			finally {
				this.lock.unlock();
			}
		}

		List<String> texts() {
			return locked(() -> List.copyOf(this.texts));
		}

		int textCount() {
			return locked(this.texts::size);
		}

		List<ByteBuffer> binaries() {
			return locked(() -> this.binaries.stream().map(ByteBuffer::asReadOnlyBuffer).toList());
		}

		String closeReason() {
			return locked(() -> this.closeReason);
		}

		@Nullable Integer closeStatus() {
			return locked(() -> this.closeStatus);
		}

		private <T extends @Nullable Object> T locked(Supplier<T> read) {
			this.lock.lock();
			try {
				return read.get();
			}
			finally {
				this.lock.unlock();
			}
		}

		void throwIfFailed() {
			this.lock.lock();
			try {
				if (this.failure != null) {
					throw new AssertionError(this.failure);
				}
			}
			finally {
				this.lock.unlock();
			}
		}

		/**
		 * Wait for a condition of the recorded state, failing with the recorded failure
		 * first.
		 */
		void await(BooleanSupplier condition, Duration timeout, Supplier<String> timeoutMessage) {
			Objects.requireNonNull(timeout, "'timeout' must not be null");
			if (!awaitQuietly(condition, timeout)) {
				throwIfFailed();
				throw new AssertionError(timeoutMessage.get());
			}
		}

		boolean awaitQuietly(BooleanSupplier condition, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			this.lock.lock();
			try {
				while (!condition.getAsBoolean()) {
					long remaining = deadline - System.nanoTime();
					if (this.failure != null || remaining <= 0) {
						return false;
					}
					// messages and closes signal; the wake-up bound covers conditions
					// nobody signals
					this.changed.awaitNanos(Math.min(remaining, CONDITION_RECHECK_NANOS));
				}
				return true;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			finally {
				this.lock.unlock();
			}
		}

	}

}
