package dev.apigw.websocket.registry.redis;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.apigw.websocket.registry.LoopbackServerProcess;

/**
 * A real {@code redis-server} (Debian's package) on a free loopback port, run by
 * {@link RedisServerExtension}. Without the binary the tests are skipped with the reason,
 * except on CI ({@code CI=true}), where they fail: CI must install it.
 */
public final class RedisServer implements AutoCloseable {

	private static final String[] CANDIDATES = { "/usr/bin/redis-server", "/usr/local/bin/redis-server" };

	private final LoopbackServerProcess server;

	private RedisServer(LoopbackServerProcess server) {
		this.server = server;
	}

	public int port() {
		return this.server.port();
	}

	/**
	 * Start a server, or abort (fail on CI) the calling tests when there is no binary.
	 * @return the started server
	 */
	public static RedisServer start() {
		String binary = binary();
		return new RedisServer(LoopbackServerProcess.start("redis-server",
				(port) -> List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
						"--appendonly", "no", "--daemonize", "no"),
				(port) -> "+PONG".equals(ping(port)), "answer PING", Duration.ofSeconds(10)));
	}

	public static String binary() {
		for (String candidate : CANDIDATES) {
			if (new File(candidate).canExecute()) {
				return candidate;
			}
		}
		String reason = "redis-server is not installed (Debian package 'redis-server'), so the Redis registry "
				+ "tests cannot run";
		throw LoopbackServerProcess.notInstalled(reason, "; install it with 'apt-get install redis-server'");
	}

	private static String ping(int port) {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
			socket.setSoTimeout(1000);
			OutputStream out = socket.getOutputStream();
			out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
				.readLine();
		}
		catch (IOException ex) {
			return null;
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.server.close();
	}

}
