package dev.warren.subclient.report;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Formats one received message as one JSON line:
 * {@code {"destination","warrenId","publishedAt","latencyMs","body"}}, the body embedded
 * as JSON when it is JSON and as a string otherwise.
 */
public final class MessageLine {

	private static final ObjectMapper json = JsonMapper.builder().build();

	private MessageLine() {
	}

	/**
	 * Formats a message.
	 * @param destination the subscription's destination
	 * @param warrenId the {@code warren-id} header, may be {@code null}
	 * @param publishedAt the {@code warren-published-at} header, or -1 when absent
	 * @param latencyMs the latency, or -1 when unknown
	 * @param body the body bytes
	 * @return the JSON line, without a line break
	 */
	public static String format(String destination, String warrenId, long publishedAt, long latencyMs, byte[] body) {
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("destination", destination);
		line.put("warrenId", warrenId);
		line.put("publishedAt", (publishedAt >= 0) ? publishedAt : null);
		line.put("latencyMs", (latencyMs >= 0) ? latencyMs : null);
		line.put("body", body(body));
		return json.writeValueAsString(line);
	}

	private static Object body(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8);
		String trimmed = text.strip();
		if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
			try {
				JsonNode node = json.readTree(trimmed);
				return node;
			}
			catch (JacksonException ex) {
				// not JSON after all: keep it as text
			}
		}
		return text;
	}

}
