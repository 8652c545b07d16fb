package dev.warren.socket.json;

import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The frames the server answers with in the JSON protocol, other than deliveries:
 * {@code connected}, {@code response} and {@code error}. Rare next to deliveries, so
 * written with Jackson.
 */
final class JsonFrames {

	private final JsonMapper mapper;

	JsonFrames(JsonMapper mapper) {
		this.mapper = mapper;
	}

	byte[] connected(String requestId, String clientId, long expiresAt) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", "connected");
		frame.put("request_id", requestId);
		frame.put("client_id", clientId);
		frame.put("expires_at", expiresAt);
		return this.mapper.writeValueAsBytes(frame);
	}

	/** {@code {"type":"response","refreshed":true,"expires_at":…,"request_id":…}}. */
	byte[] refreshed(String requestId, long expiresAt) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", "response");
		frame.put("refreshed", true);
		frame.put("expires_at", expiresAt);
		frame.put("request_id", requestId);
		return this.mapper.writeValueAsBytes(frame);
	}

	byte[] response(String requestId, String topic, boolean subscribed) {
		return response(requestId, topic, "subscribed", subscribed, null);
	}

	/** {@code {"type":"response","topic":…,"published":true,"id":…,"request_id":…}}. */
	byte[] published(String requestId, String topic, String id) {
		return response(requestId, topic, "published", true, id);
	}

	private byte[] response(String requestId, String topic, String outcome, boolean value, String id) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", "response");
		frame.put("topic", topic);
		frame.put(outcome, value);
		if (id != null) {
			frame.put("id", id);
		}
		frame.put("request_id", requestId);
		return this.mapper.writeValueAsBytes(frame);
	}

	byte[] error(String requestId, String code, String message) {
		Map<String, Object> frame = new LinkedHashMap<>();
		frame.put("type", "error");
		frame.put("request_id", requestId);
		frame.put("code", code);
		frame.put("message", message);
		return this.mapper.writeValueAsBytes(frame);
	}

}
