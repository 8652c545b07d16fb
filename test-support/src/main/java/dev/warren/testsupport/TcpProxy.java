package dev.warren.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP proxy a test controls, to cut a service off from a dependency (the database, say)
 * and give it back: {@link #cut()} resets every connection through it and refuses new
 * ones until {@link #restore()}. Plain threads: a test's few connections.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket server;

	private final String targetHost;

	private final int targetPort;

	private final Set<Socket> open = ConcurrentHashMap.newKeySet();

	private volatile boolean cut;

	private TcpProxy(ServerSocket server, String targetHost, int targetPort) {
		this.server = server;
		this.targetHost = targetHost;
		this.targetPort = targetPort;
	}

	/**
	 * Starts a proxy on a free port of 127.0.0.1.
	 * @param targetHost where to forward
	 * @param targetPort its port
	 * @return the running proxy
	 * @throws IOException when no port can be bound
	 */
	public static TcpProxy start(String targetHost, int targetPort) throws IOException {
		TcpProxy proxy = new TcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), targetHost,
				targetPort);
		Thread acceptor = new Thread(proxy::accept, "tcp-proxy-" + proxy.port());
		acceptor.setDaemon(true);
		acceptor.start();
		return proxy;
	}

	/** The port it listens on. */
	public int port() {
		return this.server.getLocalPort();
	}

	/** Resets every connection and refuses new ones. */
	public void cut() {
		this.cut = true;
		for (Socket socket : this.open) {
			resetQuietly(socket);
		}
		this.open.clear();
	}

	/** Forwards again. */
	public void restore() {
		this.cut = false;
	}

	@Override
	public void close() throws IOException {
		cut();
		this.server.close();
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				if (this.cut) {
					resetQuietly(client);
					continue;
				}
				Socket target = new Socket(this.targetHost, this.targetPort);
				this.open.add(client);
				this.open.add(target);
				pump(client, target);
				pump(target, client);
			}
			catch (IOException ex) {
				// closed, or the target refused: the client sees its connection end
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16 * 1024];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int read;
				while ((read = in.read(buffer)) >= 0) {
					out.write(buffer, 0, read);
					out.flush();
				}
			}
			catch (IOException ex) {
				// one side went away
			}
			finally {
				resetQuietly(from);
				resetQuietly(to);
				this.open.remove(from);
				this.open.remove(to);
			}
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * SO_LINGER 0: the peer gets a reset, as when a network path dies with a firewall.
	 */
	private static void resetQuietly(Socket socket) {
		try {
			socket.setSoLinger(true, 0);
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

}
