package dev.warren.common.history;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;

import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.ValueReader;
import com.rabbitmq.client.impl.ValueWriter;

/**
 * One entry of the history stream that carries several deliveries. RabbitMQ's cost on a
 * stream is per entry, not per byte, so publisher-service packs the deliveries it has
 * ready into one entry; the nodes unpack it. The entry's header {@value #COUNT_HEADER}
 * says how many it holds; its body is each delivery in turn, written with AMQP's own
 * codec: routing key (short string), content type (short string, empty for none), headers
 * (field table) and body (long string).
 * <p>
 * Every delivery of the history has a number that orders it: its entry's stream offset
 * times {@value #SPAN} plus its index in the entry (0 for an entry of one delivery).
 * Nodes give clients these numbers as positions and resume from them.
 */
public final class StreamEntry {

	/** Header of an entry of several deliveries: how many (an int). */
	public static final String COUNT_HEADER = "warren-entry-count";

	/** Numbers per stream offset; an entry holds at most this many deliveries. */
	public static final int SPAN = 1024;

	private StreamEntry() {
	}

	/**
	 * The number of a delivery in the history.
	 * @param streamOffset its entry's stream offset
	 * @param index its index in the entry
	 * @return the number
	 */
	public static long number(long streamOffset, int index) {
		return streamOffset * SPAN + index;
	}

	/**
	 * The stream offset of the entry holding a delivery.
	 * @param number the delivery's number
	 * @return the entry's offset
	 */
	public static long offsetOf(long number) {
		return number / SPAN;
	}

	/**
	 * How many deliveries an entry holds, from its headers.
	 * @param headers the entry's headers, may be {@code null}
	 * @return the count; 0 for an entry of one plain message
	 */
	public static int count(Map<String, Object> headers) {
		Object count = (headers != null) ? headers.get(COUNT_HEADER) : null;
		return (count instanceof Number number) ? number.intValue() : 0;
	}

	/**
	 * Reads each delivery of an entry's body in turn.
	 * @param body the entry's body
	 * @param count how many deliveries it holds ({@link #count})
	 * @param reader told of each
	 * @throws IllegalArgumentException when the body does not hold {@code count}
	 * deliveries
	 */
	public static void read(byte[] body, int count, Reader reader) {
		ValueReader in = new ValueReader(new DataInputStream(new ByteArrayInputStream(body)));
		for (int index = 0; index < count; index++) {
			String routingKey;
			String contentType;
			Map<String, Object> headers;
			byte[] payload;
			try {
				routingKey = in.readShortstr();
				contentType = in.readShortstr();
				headers = in.readTable();
				payload = in.readLongstr().getBytes();
			}
			catch (IOException ex) {
				throw new IllegalArgumentException("stream entry ends before delivery " + index + " of " + count, ex);
			}
			reader.delivery(index, routingKey, contentType.isEmpty() ? null : contentType, headers, payload);
		}
	}

	/** Told of each delivery of an entry. */
	@FunctionalInterface
	public interface Reader {

		/**
		 * One delivery.
		 * @param index its index in the entry
		 * @param routingKey its routing key
		 * @param contentType its content type, {@code null} for none
		 * @param headers its headers (long strings as {@link LongString})
		 * @param body its body
		 */
		void delivery(int index, String routingKey, String contentType, Map<String, Object> headers, byte[] body);

	}

	/**
	 * Collects deliveries into one entry's body. Not thread-safe; reused after
	 * {@link #reset()}.
	 */
	public static final class Writer {

		private final Buffer bytes = new Buffer();

		private final DataOutputStream data = new DataOutputStream(this.bytes);

		private final ValueWriter out = new ValueWriter(this.data);

		private int count;

		/**
		 * Adds a delivery.
		 * @param routingKey its routing key, at most 255 bytes
		 * @param contentType its content type, {@code null} for none
		 * @param headers its headers, may be {@code null}
		 * @param body its body
		 * @throws IllegalArgumentException when a header value has no AMQP encoding; the
		 * entry is left as it was
		 */
		public void add(String routingKey, String contentType, Map<String, Object> headers, byte[] body) {
			int before = this.bytes.size();
			try {
				this.out.writeShortstr(routingKey);
				this.out.writeShortstr((contentType != null) ? contentType : "");
				this.out.writeTable(headers);
				// A long string, written here: ValueWriter copies a LongString through a
				// fresh 4 KiB buffer, per delivery.
				this.data.writeInt(body.length);
				this.data.write(body);
			}
			catch (IOException | RuntimeException ex) {
				// Writes to memory: only a header value AMQP cannot encode fails here.
				this.bytes.truncate(before);
				throw new IllegalArgumentException("delivery not encodable in a stream entry: " + ex.getMessage(), ex);
			}
			this.count++;
		}

		/**
		 * How many deliveries were added.
		 * @return the count
		 */
		public int count() {
			return this.count;
		}

		/**
		 * How many bytes the body has so far.
		 * @return the size
		 */
		public int size() {
			return this.bytes.size();
		}

		/**
		 * The entry's body.
		 * @return a copy of what was written
		 */
		public byte[] toByteArray() {
			return this.bytes.toByteArray();
		}

		/** Empties the writer for the next entry. */
		public void reset() {
			this.bytes.reset();
			this.count = 0;
		}

	}

	/** A byte buffer that can forget what a failed write left. */
	private static final class Buffer extends ByteArrayOutputStream {

		Buffer() {
			super(8192);
		}

		void truncate(int size) {
			this.count = size;
		}

	}

}
