package dev.warren.subclient.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Reads a few gauges from a server's Prometheus endpoint (Actuator's
 * {@code /actuator/prometheus}): what the server itself says about its connections and
 * its live heap, beside what the tool counts and what {@code /proc} says.
 */
final class ServerMeters {

	/** Sessions connected on a Warren node ({@code warren.socket.connections}). */
	static final String CONNECTIONS = "warren_socket_connections";

	/** Micrometer's old generation after the last old or concurrent collection. */
	static final String GC_LIVE_DATA = "jvm_gc_live_data_size_bytes";

	private static final Duration TIMEOUT = Duration.ofSeconds(5);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private final URI url;

	ServerMeters(URI url) {
		this.url = url;
	}

	/**
	 * Scrapes the endpoint once.
	 * @return its text
	 * @throws IOException when it does not answer 200
	 */
	String scrape() throws IOException {
		HttpRequest request = HttpRequest.newBuilder(this.url).timeout(TIMEOUT).GET().build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new IOException(this.url + " answered " + response.statusCode());
			}
			return response.body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while scraping " + this.url, ex);
		}
	}

	/**
	 * The sum of a metric's series in Prometheus text format.
	 * @param text the scraped text
	 * @param name the metric's name
	 * @return the sum, or {@code null} when the text has no such series
	 */
	static Double value(String text, String name) {
		Double sum = null;
		for (String line : text.split("\n")) {
			if (!line.startsWith(name) || line.length() == name.length()) {
				continue;
			}
			char next = line.charAt(name.length());
			if (next != '{' && next != ' ') {
				continue;
			}
			String[] parts = line.trim().split("\\s+");
			// "name{labels} value" or "name{labels} value timestamp"
			int at = (parts.length >= 3 && !parts[parts.length - 2].endsWith("}")
					&& !parts[parts.length - 2].equals(name)) ? parts.length - 2 : parts.length - 1;
			try {
				double value = Double.parseDouble(parts[at]);
				sum = (sum != null) ? sum + value : value;
			}
			catch (NumberFormatException ex) {
				// a label value with spaces, not a sample line this reader understands
			}
		}
		return sum;
	}

}
