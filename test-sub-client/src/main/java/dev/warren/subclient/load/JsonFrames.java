package dev.warren.subclient.load;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * Reads the frames of Warren's JSON protocol by position, as the server writes them (the
 * type first; a message's {@code topic} before its {@code data}, which comes last),
 * without parsing JSON or allocating per message.
 */
final class JsonFrames {

	static final byte[] MESSAGE = ascii("{\"type\":\"message\"");

	static final byte[] CONNECTED = ascii("{\"type\":\"connected\"");

	static final byte[] RESPONSE = ascii("{\"type\":\"response\"");

	private static final byte[] TOPIC = ascii(",\"topic\":");

	private static final byte[] NULL = ascii("null");

	private static final byte[] DATA = ascii(",\"data\":");

	private JsonFrames() {
	}

	static boolean startsWith(ByteBuf buf, int start, int end, byte[] prefix) {
		return matches(buf, start, end, prefix);
	}

	/**
	 * The subscription a message arrived on: 0 for the private channel
	 * ({@code "topic":null}), else the index of its topic in {@code topicNames}.
	 * @return the index, -1 when the topic is not one of them
	 */
	static int subscription(ByteBuf buf, int start, int end, byte[][] topicNames) {
		int at = indexOf(buf, start, end, TOPIC);
		if (at < 0) {
			return -1;
		}
		at += TOPIC.length;
		if (matches(buf, at, end, NULL)) {
			return 0;
		}
		if (at >= end || buf.getByte(at) != '"') {
			return -1;
		}
		at++;
		for (int i = 1; i < topicNames.length; i++) {
			byte[] name = topicNames[i];
			if (matches(buf, at, end, name) && at + name.length < end && buf.getByte(at + name.length) == '"') {
				return i;
			}
		}
		return -1;
	}

	/**
	 * Where a message's {@code data} value starts.
	 * @return the index, -1 when there is none
	 */
	static int data(ByteBuf buf, int start, int end) {
		int at = indexOf(buf, start, end, DATA);
		return (at < 0) ? -1 : at + DATA.length;
	}

	private static int indexOf(ByteBuf buf, int start, int end, byte[] needle) {
		for (int i = start; i + needle.length <= end; i++) {
			if (matches(buf, i, end, needle)) {
				return i;
			}
		}
		return -1;
	}

	private static boolean matches(ByteBuf buf, int at, int end, byte[] expected) {
		if (end - at < expected.length) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if (buf.getByte(at + i) != expected[i]) {
				return false;
			}
		}
		return true;
	}

	static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
