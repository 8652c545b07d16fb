package dev.warren.socket.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A bare WebSocket client over a plain socket: sends exactly the handshake it is told to,
 * reads the raw answer, and can then write masked text frames and never read them back,
 * like a client that stopped reading.
 */
public final class RawWebSocket implements AutoCloseable {

	private final Socket socket;

	private final int status;

	private final Map<String, String> headers;

	private RawWebSocket(Socket socket, int status, Map<String, String> headers) {
		this.socket = socket;
		this.status = status;
		this.headers = headers;
	}

	/**
	 * Performs a handshake.
	 * @param port server port
	 * @param path request path
	 * @param extraHeaders e.g. {@code Origin}, {@code Sec-WebSocket-Protocol}
	 * @return the connection with the server's answer
	 * @throws IOException on I/O failure
	 */
	public static RawWebSocket open(int port, String path, Map<String, String> extraHeaders) throws IOException {
		Socket socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout(10_000);
		byte[] nonce = new byte[16];
		ThreadLocalRandom.current().nextBytes(nonce);
		StringBuilder request = new StringBuilder().append("GET ")
			.append(path)
			.append(" HTTP/1.1\r\n")
			.append("Host: 127.0.0.1:")
			.append(port)
			.append("\r\n")
			.append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
			.append("Sec-WebSocket-Key: ")
			.append(Base64.getEncoder().encodeToString(nonce))
			.append("\r\n")
			.append("Sec-WebSocket-Version: 13\r\n");
		extraHeaders.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
		request.append("\r\n");
		OutputStream out = socket.getOutputStream();
		out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
		out.flush();
		InputStream in = socket.getInputStream();
		String statusLine = readLine(in);
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
			int colon = line.indexOf(':');
			headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
		}
		return new RawWebSocket(socket, status, headers);
	}

	public int status() {
		return this.status;
	}

	/**
	 * A response header.
	 * @param name case-insensitive name
	 * @return its value or {@code null}
	 */
	public String header(String name) {
		return this.headers.get(name.toLowerCase(Locale.ROOT));
	}

	/**
	 * Writes one masked text frame.
	 * @param text the payload
	 * @throws IOException on I/O failure
	 */
	public void sendText(String text) throws IOException {
		byte[] payload = text.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
		frame.write(0x81);
		if (payload.length < 126) {
			frame.write(0x80 | payload.length);
		}
		else if (payload.length < 65_536) {
			frame.write(0x80 | 126);
			frame.write(payload.length >>> 8);
			frame.write(payload.length & 0xFF);
		}
		else {
			frame.write(0x80 | 127);
			for (int shift = 56; shift >= 0; shift -= 8) {
				frame.write((int) (((long) payload.length >>> shift) & 0xFF));
			}
		}
		byte[] mask = new byte[4];
		ThreadLocalRandom.current().nextBytes(mask);
		frame.write(mask, 0, 4);
		for (int i = 0; i < payload.length; i++) {
			frame.write(payload[i] ^ mask[i & 3]);
		}
		OutputStream out = this.socket.getOutputStream();
		frame.writeTo(out);
		out.flush();
	}

	/**
	 * Reads until {@code marker} appears in what the server sent, the server closes the
	 * connection, or the timeout passes. Frames are not decoded: server frames are not
	 * masked, so STOMP text shows through their headers.
	 * @param marker text to stop at
	 * @return what was read, as ISO-8859-1 text, or {@code null} when the timeout passed
	 * first
	 */
	public String readUntil(String marker) {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		try {
			InputStream in = this.socket.getInputStream();
			byte[] buffer = new byte[64 * 1024];
			int n;
			while ((n = in.read(buffer)) >= 0) {
				received.write(buffer, 0, n);
				if (received.toString(StandardCharsets.ISO_8859_1).contains(marker)) {
					break;
				}
			}
			return received.toString(StandardCharsets.ISO_8859_1);
		}
		catch (IOException ex) {
			return (ex instanceof java.net.SocketTimeoutException) ? null
					: received.toString(StandardCharsets.ISO_8859_1);
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	private static String readLine(InputStream in) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int c;
		while ((c = in.read()) != -1 && c != '\n') {
			if (c != '\r') {
				line.write(c);
			}
		}
		return line.toString(StandardCharsets.US_ASCII);
	}

}
