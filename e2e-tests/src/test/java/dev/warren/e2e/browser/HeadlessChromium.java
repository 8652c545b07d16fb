package dev.warren.e2e.browser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Debian's {@code chromium}, headless, driven over the DevTools protocol with the JDK's
 * WebSocket client: navigate, evaluate JavaScript in the page, take a screenshot. Only
 * the few commands the browser tests need.
 */
public final class HeadlessChromium implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final Process process;

	private final WebSocket page;

	private final AtomicInteger ids = new AtomicInteger();

	private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

	private HeadlessChromium(Process process, WebSocket page) {
		this.process = process;
		this.page = page;
	}

	/**
	 * Starts the browser with one blank page.
	 * @param profile an empty directory for the browser's profile
	 * @return the browser
	 */
	public static HeadlessChromium start(Path profile) {
		String binary = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")
			.stream()
			.filter((candidate) -> Files.isExecutable(Path.of(candidate)))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					"no chromium found: install Debian's (apt-get install chromium), as .ci/run does"));
		try {
			Process process = new ProcessBuilder(binary, "--headless", "--no-sandbox", "--disable-gpu",
					"--disable-dev-shm-usage", "--no-first-run", "--window-size=900,420", "--remote-debugging-port=0",
					"--user-data-dir=" + profile, "about:blank")
				.redirectErrorStream(true)
				.start();
			String browserUrl = devToolsUrl(process);
			URI http = URI.create(browserUrl.replaceFirst("^ws://", "http://").replaceFirst("/devtools/.*$", ""));
			HttpClient client = HttpClient.newHttpClient();
			JsonNode targets = json.readTree(client
				.send(HttpRequest.newBuilder(http.resolve("/json/list")).build(), HttpResponse.BodyHandlers.ofString())
				.body());
			String pageUrl = targets.valueStream()
				.filter((target) -> "page".equals(target.path("type").asString()))
				.findFirst()
				.orElseThrow(() -> new IllegalStateException("chromium opened no page: " + targets))
				.path("webSocketDebuggerUrl")
				.asString();
			Listener listener = new Listener();
			WebSocket page = client.newWebSocketBuilder()
				.buildAsync(URI.create(pageUrl), listener)
				.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			HeadlessChromium chromium = new HeadlessChromium(process, page);
			listener.chromium = chromium;
			return chromium;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("could not drive chromium: " + ex, ex);
		}
	}

	/** Chromium prints {@code DevTools listening on ws://…} once it listens. */
	private static String devToolsUrl(Process process) throws IOException {
		BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		StringBuilder seen = new StringBuilder();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		String line;
		while (System.nanoTime() < deadline && (line = output.readLine()) != null) {
			seen.append(line).append('\n');
			int at = line.indexOf("ws://");
			if (line.startsWith("DevTools listening on") && at >= 0) {
				Thread drain = new Thread(() -> output.lines().forEach((ignored) -> {
				}), "chromium-output");
				drain.setDaemon(true);
				drain.start();
				return line.substring(at).trim();
			}
		}
		process.destroyForcibly();
		throw new IllegalStateException("chromium did not open its DevTools port:\n" + seen);
	}

	/**
	 * Opens a URL in the page.
	 * @param url the URL
	 */
	public void navigate(String url) {
		call("Page.navigate", Map.of("url", url));
	}

	/**
	 * Evaluates an expression in the page.
	 * @param expression JavaScript
	 * @return its value, as JSON
	 */
	public JsonNode evaluate(String expression) {
		JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
		if (result.has("exceptionDetails")) {
			throw new IllegalStateException("page script failed: " + result.path("exceptionDetails"));
		}
		return result.path("result").path("value");
	}

	/**
	 * Writes a PNG of the page.
	 * @param file where to
	 */
	public void screenshot(Path file) {
		String png = call("Page.captureScreenshot", Map.of("format", "png")).path("data").asString();
		try {
			Files.write(file, Base64.getDecoder().decode(png));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private JsonNode call(String method, Map<String, Object> params) {
		int id = this.ids.incrementAndGet();
		CompletableFuture<JsonNode> answer = new CompletableFuture<>();
		this.pending.put(id, answer);
		this.page.sendText(json.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true).join();
		JsonNode reply = answer.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
		if (reply.has("error")) {
			throw new IllegalStateException(method + " failed: " + reply.path("error"));
		}
		return reply.path("result");
	}

	@Override
	public void close() {
		this.page.abort();
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		private volatile HeadlessChromium chromium;

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				JsonNode message = json.readTree(this.partial.toString());
				this.partial.setLength(0);
				HeadlessChromium owner = this.chromium;
				if (message.has("id") && owner != null) {
					CompletableFuture<JsonNode> answer = owner.pending.remove(message.path("id").asInt());
					if (answer != null) {
						answer.complete(message);
					}
				}
			}
			webSocket.request(1);
			return null;
		}

	}

}
