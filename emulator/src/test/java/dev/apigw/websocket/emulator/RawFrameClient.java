package dev.apigw.websocket.emulator;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client over a plain socket, for what {@link java.net.http.WebSocket} cannot
 * do: send one frame larger than 32 KB or a text frame that is not UTF-8 (it fragments
 * and validates itself), write without waiting for the server, or not read at all.
 */
final class RawFrameClient implements AutoCloseable {

	static final int TEXT = 0x1;

	static final int BINARY = 0x2;

	static final int CONTINUATION = 0x0;

	private static final int FRAME_BYTES = 32 * 1024;

	private final Socket socket;

	private final DataInputStream in;

	RawFrameClient(WebSocketApiEmulator emulator) throws IOException {
		this(emulator, "", 0);
	}

	/**
	 * Connect and complete the handshake.
	 * @param query query string of the handshake, empty for none
	 * @param receiveBufferBytes the socket's receive buffer, 0 for the system's default
	 */
	RawFrameClient(WebSocketApiEmulator emulator, String query, int receiveBufferBytes) throws IOException {
		this.socket = new Socket();
		if (receiveBufferBytes > 0) {
			this.socket.setReceiveBufferSize(receiveBufferBytes);
		}
		this.socket.connect(new InetSocketAddress("127.0.0.1", emulator.port()), 10_000);
		this.socket.setSoTimeout(10_000);
		String handshake = "GET /" + emulator.stage() + (query.isEmpty() ? "" : "?" + query)
				+ " HTTP/1.1\r\nHost: 127.0.0.1:" + emulator.port()
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
				+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n";
		this.socket.getOutputStream().write(handshake.getBytes(StandardCharsets.US_ASCII));
		this.in = new DataInputStream(this.socket.getInputStream());
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
			head.write(this.in.readUnsignedByte());
		}
		if (!head.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 101")) {
			throw new IOException("Handshake refused: " + head);
		}
	}

	/**
	 * Send one final text frame of the given size (as the protocol allows, masked with a
	 * zero key).
	 */
	void sendSingleTextFrame(int length) throws IOException {
		sendFrame(true, TEXT, new byte[length]);
	}

	/**
	 * Send one message in frames of at most 32 KB, as API Gateway's clients must.
	 */
	void sendMessage(int opcode, byte[] payload) throws IOException {
		int offset = 0;
		do {
			int length = Math.min(FRAME_BYTES, payload.length - offset);
			byte[] part = new byte[length];
			System.arraycopy(payload, offset, part, 0, length);
			boolean last = offset + length == payload.length;
			sendFrame(last, (offset == 0) ? opcode : CONTINUATION, part);
			offset += length;
		}
		while (offset < payload.length);
	}

	void sendFrame(boolean fin, int opcode, byte[] payload) throws IOException {
		ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
		frame.write((fin ? 0x80 : 0) | opcode);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length <= 0xffff) {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xff);
		}
		else {
			frame.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) (((long) payload.length) >>> shift) & 0xff);
			}
		}
		frame.write(new byte[4]);
		frame.write(payload);
		OutputStream out = this.socket.getOutputStream();
		out.write(frame.toByteArray());
		out.flush();
	}

	/**
	 * Read frames until a close frame and return its status code.
	 */
	int readCloseStatus() throws IOException {
		while (true) {
			Frame frame = readFrame();
			if (frame.opcode() == 0x8) {
				return ((frame.payload()[0] & 0xff) << 8) | (frame.payload()[1] & 0xff);
			}
		}
	}

	/**
	 * Read one whole data message, joining its frames.
	 */
	byte[] readMessage() throws IOException {
		ByteArrayOutputStream message = new ByteArrayOutputStream();
		while (true) {
			Frame frame = readFrame();
			if (frame.opcode() >= 0x8) {
				throw new IOException("Control frame " + frame.opcode() + " while reading a message");
			}
			message.write(frame.payload());
			if (frame.fin()) {
				return message.toByteArray();
			}
		}
	}

	private Frame readFrame() throws IOException {
		int first = this.in.readUnsignedByte();
		long length = this.in.readUnsignedByte() & 0x7f;
		if (length == 126) {
			length = this.in.readUnsignedShort();
		}
		else if (length == 127) {
			length = this.in.readLong();
		}
		byte[] payload = new byte[Math.toIntExact(length)];
		this.in.readFully(payload);
		return new Frame((first & 0x80) != 0, first & 0x0f, payload);
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private record Frame(boolean fin, int opcode, byte[] payload) {
	}

}
