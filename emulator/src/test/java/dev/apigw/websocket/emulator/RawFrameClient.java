package dev.apigw.websocket.emulator;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client over a plain socket, for what {@link java.net.http.WebSocket} cannot do:
 * send one frame larger than 32 KB (it fragments large messages itself).
 */
final class RawFrameClient implements AutoCloseable {

	private final Socket socket;

	private final DataInputStream in;

	RawFrameClient(WebSocketApiEmulator emulator) throws IOException {
		this.socket = new Socket("127.0.0.1", emulator.port());
		this.socket.setSoTimeout(10_000);
		String handshake = "GET /" + emulator.stage() + " HTTP/1.1\r\nHost: 127.0.0.1:" + emulator.port()
				+ "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
				+ "Sec-WebSocket-Version: 13\r\n\r\n";
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
	 * Send one final text frame (masked with a zero key, as the protocol allows) of the given size.
	 */
	void sendSingleTextFrame(int length) throws IOException {
		OutputStream out = this.socket.getOutputStream();
		out.write(0x81);
		out.write(0x80 | 126);
		out.write(length >>> 8);
		out.write(length & 0xff);
		out.write(new byte[4]);
		out.write(new byte[length]);
		out.flush();
	}

	/**
	 * Read frames until a close frame and return its status code.
	 */
	int readCloseStatus() throws IOException {
		while (true) {
			int opcode = this.in.readUnsignedByte() & 0x0f;
			int length = this.in.readUnsignedByte() & 0x7f;
			if (length == 126) {
				length = this.in.readUnsignedShort();
			}
			byte[] payload = new byte[length];
			this.in.readFully(payload);
			if (opcode == 0x8) {
				return ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
