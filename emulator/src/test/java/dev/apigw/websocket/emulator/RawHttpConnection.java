package dev.apigw.websocket.emulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client over a plain socket, for what well-behaved clients never do: send
 * part of a request and stop, send nothing, pipeline, or read the answer to a request not
 * yet fully sent.
 */
final class RawHttpConnection implements AutoCloseable {

	private final Socket socket;

	private final InputStream in;

	RawHttpConnection(WebSocketApiEmulator emulator) {
		try {
			this.socket = new Socket();
			this.socket.connect(new InetSocketAddress("127.0.0.1", emulator.port()), 5_000);
			this.socket.setSoTimeout(10_000);
			this.in = this.socket.getInputStream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static String head(String method, String path, WebSocketApiEmulator emulator, String... headers) {
		StringBuilder head = new StringBuilder(
				method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + emulator.port() + "\r\n");
		for (String header : headers) {
			head.append(header).append("\r\n");
		}
		return head.append("\r\n").toString();
	}

	RawHttpConnection send(String text) {
		return send(text.getBytes(StandardCharsets.US_ASCII));
	}

	RawHttpConnection send(byte[] bytes) {
		try {
			this.socket.getOutputStream().write(bytes);
			this.socket.getOutputStream().flush();
			return this;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Read one response: status line, headers and a body of its {@code Content-Length}.
	 */
	Response readResponse() {
		try {
			ByteArrayOutputStream head = new ByteArrayOutputStream();
			while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
				int b = this.in.read();
				if (b < 0) {
					throw new IOException("Connection closed after " + head.size() + " bytes of a response: " + head);
				}
				head.write(b);
			}
			String[] lines = head.toString(StandardCharsets.US_ASCII).split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, String> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).trim());
			}
			byte[] body = this.in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
			return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Whether the server has closed the connection: reading ends rather than waiting.
	 */
	boolean isClosedByServer() {
		try {
			return this.in.read() < 0;
		}
		catch (SocketTimeoutException ex) {
			return false;
		}
		catch (IOException ex) {
			// a reset is a close too
			return true;
		}
	}

	@Override
	public void close() {
		try {
			this.socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	record Response(int status, Map<String, String> headers, String body) {

		String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

}
