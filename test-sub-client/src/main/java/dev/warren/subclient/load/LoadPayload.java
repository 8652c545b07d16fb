package dev.warren.subclient.load;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.netty.buffer.ByteBuf;

/**
 * The JSON body of a load message:
 * {@code {"s":<stream>,"n":<sequence>,"t":<sent>,"p":"…"}}. {@code s} names the stream (a
 * topic, broadcast or one client's direct channel), {@code n} counts from 1 within the
 * stream, {@code t} is the producer's send time in nanoseconds on the tool's own clock
 * and {@code p} pads the body to the requested size. The field order is fixed, so a
 * receiver reads the three numbers by position instead of parsing JSON.
 */
final class LoadPayload {

	private static final byte[] STREAM = ascii("{\"s\":");

	private static final byte[] SEQUENCE = ascii(",\"n\":");

	private static final byte[] SENT = ascii(",\"t\":");

	private static final byte[] PAD_START = ascii(",\"p\":\"");

	private static final byte[] END = ascii("\"}");

	private LoadPayload() {
	}

	/**
	 * Encodes a body of at least {@code size} bytes (more when the numbers need it).
	 * @param stream the stream id
	 * @param sequence the sequence number within the stream
	 * @param sentNanos the send time
	 * @param size the body size to pad to
	 * @return the body
	 */
	static byte[] encode(int stream, long sequence, long sentNanos, int size) {
		String head = "{\"s\":" + stream + ",\"n\":" + sequence + ",\"t\":" + sentNanos + ",\"p\":\"";
		int padding = Math.max(0, size - head.length() - END.length);
		byte[] body = new byte[head.length() + padding + END.length];
		for (int i = 0; i < head.length(); i++) {
			body[i] = (byte) head.charAt(i);
		}
		Arrays.fill(body, head.length(), head.length() + padding, (byte) 'x');
		System.arraycopy(END, 0, body, body.length - END.length, END.length);
		return body;
	}

	/**
	 * Reads the three numbers of a body.
	 * @param buf bytes holding the body
	 * @param start index of the body's first byte
	 * @param end index just after the body
	 * @param into receives the numbers
	 * @return {@code false} when the body is not a load payload (the numbers are then
	 * undefined)
	 */
	static boolean read(ByteBuf buf, int start, int end, Fields into) {
		int index = expect(buf, start, end, STREAM);
		if (index < 0) {
			return false;
		}
		long stream = 0;
		int digitsStart = index;
		for (; index < end && isDigit(buf.getByte(index)); index++) {
			stream = stream * 10 + (buf.getByte(index) - '0');
		}
		if (index == digitsStart || stream > Integer.MAX_VALUE) {
			return false;
		}
		index = expect(buf, index, end, SEQUENCE);
		if (index < 0) {
			return false;
		}
		long sequence = 0;
		digitsStart = index;
		for (; index < end && isDigit(buf.getByte(index)); index++) {
			sequence = sequence * 10 + (buf.getByte(index) - '0');
		}
		if (index == digitsStart) {
			return false;
		}
		index = expect(buf, index, end, SENT);
		if (index < 0) {
			return false;
		}
		long sent = 0;
		digitsStart = index;
		for (; index < end && isDigit(buf.getByte(index)); index++) {
			sent = sent * 10 + (buf.getByte(index) - '0');
		}
		if (index == digitsStart || expect(buf, index, end, PAD_START) < 0) {
			return false;
		}
		into.stream = (int) stream;
		into.sequence = sequence;
		into.sentNanos = sent;
		return true;
	}

	private static int expect(ByteBuf buf, int index, int end, byte[] expected) {
		if (end - index < expected.length) {
			return -1;
		}
		for (int i = 0; i < expected.length; i++) {
			if (buf.getByte(index + i) != expected[i]) {
				return -1;
			}
		}
		return index + expected.length;
	}

	private static boolean isDigit(byte b) {
		return b >= '0' && b <= '9';
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * The numbers of one body; reused per connection.
	 */
	static final class Fields {

		int stream;

		long sequence;

		long sentNanos;

	}

}
