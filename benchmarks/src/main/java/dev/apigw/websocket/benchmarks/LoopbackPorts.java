package dev.apigw.websocket.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Free ports on the loopback address, for the servers the benchmarks start.
 */
final class LoopbackPorts {

	private LoopbackPorts() {
	}

	static int free() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
