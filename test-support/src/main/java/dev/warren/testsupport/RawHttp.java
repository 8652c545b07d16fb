package dev.warren.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * One HTTP/1.1 exchange over a plain socket, for requests an HTTP client library would
 * refuse to send or would repair: a malformed request line, huge headers, {@code TRACE}.
 */
public final class RawHttp {

	/**
	 * Request heads a server must refuse, each with a 4xx problem: an encoded {@code ../}
	 * in two spellings, a NUL, a 10 KB URL, a 64 KiB header, {@code TRACE}, a request
	 * line that is no HTTP, a path with characters a URL may not hold.
	 */
	public static final List<String> HOSTILE_REQUESTS = List.of("GET /v1/%2e%2e/%2e%2e/etc/passwd HTTP/1.1",
			"GET /v1/..%2f..%2fetc%2fpasswd HTTP/1.1", "GET /v1/%00 HTTP/1.1",
			"GET /" + "a".repeat(10 * 1024) + " HTTP/1.1", "GET /v1 HTTP/1.1\r\nX-Big: " + "b".repeat(64 * 1024),
			"TRACE / HTTP/1.1", "HELLO", "GET /v1/{bad}|<x> HTTP/1.1");

	private RawHttp() {
	}

	/**
	 * Sends {@code head} (request line and headers, without the blank line) with
	 * {@code Connection: close} and reads the answer until the server closes.
	 * @param port the server's port on 127.0.0.1
	 * @param head the request's head
	 * @return the answer
	 */
	public static Answer exchange(int port, String head) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			socket.getOutputStream()
				.write((head + "\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			return Answer.parse(readAll(socket.getInputStream()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String readAll(InputStream in) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		byte[] buffer = new byte[8192];
		try {
			for (int n; (n = in.read(buffer)) >= 0;) {
				bytes.write(buffer, 0, n);
			}
		}
		catch (SocketTimeoutException | java.net.SocketException ex) {
			// A server that resets after answering: keep what arrived.
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/**
	 * An answer.
	 *
	 * @param status the status code, -1 when none arrived
	 * @param head the status line and headers
	 * @param body everything after the blank line
	 */
	public record Answer(int status, String head, String body) {

		static Answer parse(String raw) {
			int end = raw.indexOf("\r\n\r\n");
			String head = (end >= 0) ? raw.substring(0, end) : raw;
			String body = (end >= 0) ? raw.substring(end + 4) : "";
			String[] statusLine = head.split(" ", 3);
			int status = (statusLine.length >= 2 && statusLine[1].matches("\\d{3}")) ? Integer.parseInt(statusLine[1])
					: -1;
			return new Answer(status, head, body);
		}

		/**
		 * Whether this is a client error rendered as an RFC 9457 problem whose status is
		 * the response's, with no HTML and no Java internals.
		 * @return whether it is
		 */
		public boolean isClientErrorProblem() {
			String type = header("Content-Type");
			return this.status >= 400 && this.status <= 499 && type != null
					&& type.startsWith("application/problem+json") && this.body.contains("\"status\":" + this.status)
					&& !this.body.contains("<html") && !this.body.contains("Exception")
					&& !this.body.contains("org.apache");
		}

		/**
		 * A header's value.
		 * @param name its name, in any case
		 * @return the first value, or {@code null}
		 */
		public String header(String name) {
			String prefix = name.toLowerCase(Locale.ROOT) + ":";
			return this.head.lines()
				.filter((line) -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
				.map((line) -> line.substring(prefix.length()).strip())
				.findFirst()
				.orElse(null);
		}

	}

}
