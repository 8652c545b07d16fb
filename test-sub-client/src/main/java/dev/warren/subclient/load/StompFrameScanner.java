package dev.warren.subclient.load;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;

/**
 * Finds what a load client needs in received STOMP frames without turning headers into
 * strings: the command, the numeric {@code subscription} and {@code receipt-id}, and
 * where the body lies. A buffer may hold several frames and heart-beat end-of-lines
 * between them; {@link #next} walks them one at a time. Only the {@code message} header
 * of an {@code ERROR} frame is decoded, because it is shown to people.
 */
final class StompFrameScanner {

	private static final byte NUL = 0;

	private static final byte LF = '\n';

	private static final byte CR = '\r';

	private static final byte[] SUBSCRIPTION = ascii("subscription");

	private static final byte[] RECEIPT_ID = ascii("receipt-id");

	private static final byte[] CONTENT_LENGTH = ascii("content-length");

	private static final byte[] MESSAGE = ascii("message");

	private StompFrameScanner() {
	}

	/**
	 * Scans the next frame of {@code buf} at or after {@code from}, skipping heart-beats.
	 * @param buf the received bytes
	 * @param from where to start
	 * @param to end of the readable bytes (exclusive)
	 * @param frame receives what was found; reused between calls
	 * @return the index just after the frame, or {@code -1} when no complete frame is
	 * left (only heart-beats, or a frame cut short, which {@code frame} then reports as
	 * {@link Command#MALFORMED})
	 */
	static int next(ByteBuf buf, int from, int to, ScannedFrame frame) {
		frame.reset();
		int index = from;
		while (index < to && isEol(buf.getByte(index))) {
			index++;
		}
		if (index >= to) {
			return -1;
		}
		int lineEnd = buf.indexOf(index, to, LF);
		if (lineEnd < 0) {
			frame.command = Command.MALFORMED;
			return -1;
		}
		frame.command = command(buf, index, trimCr(buf, index, lineEnd));
		index = lineEnd + 1;
		int contentLength = -1;
		while (true) {
			lineEnd = buf.indexOf(index, to, LF);
			if (lineEnd < 0) {
				frame.command = Command.MALFORMED;
				return -1;
			}
			int end = trimCr(buf, index, lineEnd);
			if (end == index) {
				break;
			}
			int colon = buf.indexOf(index, end, (byte) ':');
			if (colon > 0) {
				if (matches(buf, index, colon, SUBSCRIPTION)) {
					frame.subscription = digits(buf, colon + 1, end);
				}
				else if (matches(buf, index, colon, RECEIPT_ID)) {
					frame.receiptId = digits(buf, colon + 1, end);
				}
				else if (matches(buf, index, colon, CONTENT_LENGTH)) {
					contentLength = digits(buf, colon + 1, end);
				}
				else if (frame.command == Command.ERROR && matches(buf, index, colon, MESSAGE)) {
					frame.errorMessage = buf.toString(colon + 1, end - colon - 1, StandardCharsets.UTF_8);
				}
			}
			index = lineEnd + 1;
		}
		int bodyStart = lineEnd + 1;
		int bodyEnd = (contentLength >= 0) ? bodyStart + contentLength : buf.indexOf(bodyStart, to, NUL);
		if (bodyEnd < 0 || bodyEnd >= to || buf.getByte(bodyEnd) != NUL) {
			frame.command = Command.MALFORMED;
			return -1;
		}
		frame.bodyStart = bodyStart;
		frame.bodyEnd = bodyEnd;
		return bodyEnd + 1;
	}

	private static Command command(ByteBuf buf, int start, int end) {
		for (Command command : Command.KNOWN) {
			if (matches(buf, start, end, command.bytes)) {
				return command;
			}
		}
		return Command.OTHER;
	}

	private static boolean isEol(byte b) {
		return b == LF || b == CR;
	}

	private static int trimCr(ByteBuf buf, int start, int lineEnd) {
		return (lineEnd > start && buf.getByte(lineEnd - 1) == CR) ? lineEnd - 1 : lineEnd;
	}

	private static boolean matches(ByteBuf buf, int start, int end, byte[] expected) {
		if (end - start != expected.length) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if (buf.getByte(start + i) != expected[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Reads a non-negative decimal number; {@code -1} when the value is not one (the load
	 * client's own subscription and receipt ids are always numbers).
	 */
	private static int digits(ByteBuf buf, int start, int end) {
		if (start >= end || end - start > 9) {
			return -1;
		}
		int value = 0;
		for (int i = start; i < end; i++) {
			int digit = buf.getByte(i) - '0';
			if (digit < 0 || digit > 9) {
				return -1;
			}
			value = value * 10 + digit;
		}
		return value;
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * STOMP server commands the load client tells apart.
	 */
	enum Command {

		CONNECTED, MESSAGE, RECEIPT, ERROR, OTHER, MALFORMED, NONE;

		static final Command[] KNOWN = { MESSAGE, RECEIPT, CONNECTED, ERROR };

		final byte[] bytes = ascii(name());

	}

	/**
	 * What {@link #next} found; one instance is reused per connection.
	 */
	static final class ScannedFrame {

		Command command = Command.NONE;

		int subscription;

		int receiptId;

		int bodyStart;

		int bodyEnd;

		String errorMessage;

		void reset() {
			this.command = Command.NONE;
			this.subscription = -1;
			this.receiptId = -1;
			this.bodyStart = -1;
			this.bodyEnd = -1;
			this.errorMessage = null;
		}

	}

}
