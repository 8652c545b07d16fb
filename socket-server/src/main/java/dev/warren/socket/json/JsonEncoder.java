package dev.warren.socket.json;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.MimeType;

import dev.warren.common.RoutingKey;
import dev.warren.common.record.RecordOp;
import dev.warren.socket.edge.EdgeOutlet;
import dev.warren.socket.node.Delivery;

/**
 * Deliveries in the JSON protocol, encoded once per message for all its subscribers:
 * {@code {"type":"message","channel":"private"|"topic","topic":…,"id":…,
 * "published_at":…,"sender":…,"data":…}} ({@code sender} only for a client's message). A
 * body with a JSON content type that is one well-formed value is embedded as it is; any
 * other body becomes a JSON string (its bytes read as UTF-8), so the frame is always
 * valid JSON and valid UTF-8.
 */
final class JsonEncoder implements EdgeOutlet.Encoder {

	private static final byte[] NO_PREFIX = new byte[0];

	private static final JsonStringEncoder strings = JsonStringEncoder.getInstance();

	private final JsonMapper mapper;

	JsonEncoder(JsonMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public byte[] prefix(String subscriptionId) {
		return NO_PREFIX;
	}

	@Override
	public EdgeOutlet.Payload encode(RoutingKey target, Delivery delivery) {
		if (delivery.control() != null) {
			return control(target, delivery.control());
		}
		byte[] body = delivery.body();
		ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 160);
		if (target.kind() == RoutingKey.Kind.TOPIC) {
			ascii(out, "{\"type\":\"message\",\"channel\":\"topic\",\"topic\":");
			string(out, target.name());
		}
		else {
			ascii(out, "{\"type\":\"message\",\"channel\":\"private\",\"topic\":null");
		}
		ascii(out, ",\"id\":");
		if (delivery.id() != null) {
			string(out, delivery.id());
		}
		else {
			ascii(out, "null");
		}
		ascii(out, ",\"published_at\":");
		ascii(out, isNumber(delivery.publishedAt()) ? delivery.publishedAt() : "null");
		if (delivery.position() != null) {
			ascii(out, ",\"position\":\"");
			ascii(out, delivery.position());
			out.write('"');
		}
		if (delivery.sender() != null) {
			ascii(out, ",\"sender\":");
			string(out, delivery.sender());
		}
		if (delivery.encryption() != null) {
			ascii(out, ",\"encryption\":\"");
			ascii(out, delivery.encryption());
			out.write('"');
		}
		RecordOp record = delivery.record();
		if (record != null) {
			ascii(out, ",\"op\":\"");
			ascii(out, record.op().wire());
			ascii(out, "\",\"collection\":\"");
			ascii(out, record.collection());
			out.write('"');
			if (record.key() != null) {
				ascii(out, ",\"key\":");
				string(out, record.key());
			}
		}
		ascii(out, ",\"data\":");
		if (isJsonType(delivery.contentType()) && isJson(body)) {
			out.writeBytes(body);
		}
		else {
			string(out, new String(body, StandardCharsets.UTF_8));
		}
		out.write('}');
		return new EdgeOutlet.Payload(out.toByteArray(), true);
	}

	/**
	 * {@code {"type":"control","topic":…,"control":…}}: what changed for a subscription.
	 */
	private static EdgeOutlet.Payload control(RoutingKey target, String control) {
		ByteArrayOutputStream out = new ByteArrayOutputStream(96);
		if (target.kind() == RoutingKey.Kind.TOPIC) {
			ascii(out, "{\"type\":\"control\",\"channel\":\"topic\",\"topic\":");
			string(out, target.name());
		}
		else {
			ascii(out, "{\"type\":\"control\",\"channel\":\"private\",\"topic\":null");
		}
		ascii(out, ",\"control\":");
		string(out, control);
		out.write('}');
		return new EdgeOutlet.Payload(out.toByteArray(), true);
	}

	private static boolean isJsonType(MimeType type) {
		return "json".equals(type.getSubtype()) || type.getSubtype().endsWith("+json");
	}

	/**
	 * Whether {@code body} is exactly one JSON value; parses without building objects.
	 */
	private boolean isJson(byte[] body) {
		if (body.length == 0 || !isJsonStart(body)) {
			return false;
		}
		try (JsonParser parser = this.mapper.createParser(body)) {
			if (parser.nextToken() == null) {
				return false;
			}
			parser.skipChildren();
			return parser.nextToken() == null;
		}
		catch (JacksonException ex) {
			return false;
		}
	}

	/**
	 * A {@code text/plain} body like {@code hello} is text, not JSON: skip the parser.
	 */
	private static boolean isJsonStart(byte[] body) {
		for (byte b : body) {
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return b == '{' || b == '[' || b == '"' || b == '-' || (b >= '0' && b <= '9') || b == 't' || b == 'f'
						|| b == 'n';
			}
		}
		return false;
	}

	private static boolean isNumber(String value) {
		if (value == null || value.isEmpty() || value.length() > 18) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return false;
			}
		}
		return true;
	}

	private static void ascii(ByteArrayOutputStream out, String text) {
		for (int i = 0; i < text.length(); i++) {
			out.write(text.charAt(i));
		}
	}

	private static void string(ByteArrayOutputStream out, String value) {
		out.write('"');
		out.writeBytes(strings.quoteAsUTF8(value));
		out.write('"');
	}

}
