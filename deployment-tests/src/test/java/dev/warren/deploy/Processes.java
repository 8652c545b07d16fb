package dev.warren.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Starting what the deployment files describe as processes on this machine: the JVM, a
 * free port, nginx, and waiting until a process answers.
 */
final class Processes {

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Processes() {
	}

	/** The {@code java} of the JVM running the tests. */
	static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	/** Debian puts nginx in /usr/sbin, which a non-root PATH may lack. */
	static String nginx() {
		return Files.isExecutable(Path.of("/usr/sbin/nginx")) ? "/usr/sbin/nginx" : "nginx";
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	/**
	 * Waits up to 120 s for {@code uri} to answer 200.
	 * @param process the process that should answer; its exit fails the wait at once
	 * @param uri what to ask
	 * @param log the process's output, shown when it fails
	 */
	static void awaitOk(Process process, URI uri, Path log) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new AssertionError(uri + ": exited with " + process.exitValue() + ":\n" + Files.readString(log));
			}
			try {
				if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		throw new AssertionError(uri + " did not answer 200 within 120 s:\n" + Files.readString(log));
	}

}
