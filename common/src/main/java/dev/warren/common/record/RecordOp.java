package dev.warren.common.record;

import java.util.Map;

import dev.warren.common.ChannelName;
import dev.warren.common.WarrenNames;

/**
 * What a record-sync message does to a client's replica: {@code warren-op},
 * {@code warren-collection} and {@code warren-key}, checked once at ingest (and by the
 * HTTP publish API) and forwarded by the nodes as they are.
 *
 * @param op what to do
 * @param collection the collection, 1-128 characters of {@code [A-Za-z0-9_.-]}
 * @param key the record's key, 1-255 visible ASCII characters; {@code null} for
 * {@link Op#CLEAR}
 */
public record RecordOp(Op op, String collection, String key) {

	/** Longest record key. */
	public static final int MAX_KEY_LENGTH = 255;

	/**
	 * The operation named by the {@code warren-op} header, if the headers carry one.
	 * @param headers a message's headers, may be {@code null}; values are read with
	 * {@code toString()}, so the AMQP client's {@code LongString} does
	 * @return the operation, {@code null} when the message is not a record operation
	 * @throws InvalidRecordOpException when the headers name one that is not valid
	 */
	public static RecordOp of(Map<String, ?> headers) {
		if (headers == null || headers.isEmpty()) {
			return null;
		}
		return of(text(headers.get(WarrenNames.OP_HEADER)), text(headers.get(WarrenNames.COLLECTION_HEADER)),
				text(headers.get(WarrenNames.KEY_HEADER)));
	}

	/**
	 * The operation these three values name.
	 * @param op {@code upsert}, {@code delete} or {@code clear}, may be {@code null}
	 * @param collection the collection, may be {@code null}
	 * @param key the key, may be {@code null}
	 * @return the operation, {@code null} when all three are {@code null}
	 * @throws InvalidRecordOpException when they do not name a valid one
	 */
	public static RecordOp of(String op, String collection, String key) {
		if (op == null) {
			if (collection != null || key != null) {
				throw new InvalidRecordOpException(WarrenNames.OP_HEADER, WarrenNames.COLLECTION_HEADER + " and "
						+ WarrenNames.KEY_HEADER + " need " + WarrenNames.OP_HEADER);
			}
			return null;
		}
		Op parsed = Op.parse(op);
		if (!ChannelName.isValid(collection)) {
			throw new InvalidRecordOpException(WarrenNames.COLLECTION_HEADER, WarrenNames.COLLECTION_HEADER
					+ " must be 1-128 characters of [A-Za-z0-9_.-], was " + describe(collection));
		}
		if (parsed == Op.CLEAR) {
			if (key != null) {
				throw new InvalidRecordOpException(WarrenNames.KEY_HEADER, WarrenNames.OP_HEADER
						+ " clear empties a whole collection: it takes no " + WarrenNames.KEY_HEADER);
			}
			return new RecordOp(parsed, collection, null);
		}
		if (!isValidKey(key)) {
			throw new InvalidRecordOpException(WarrenNames.KEY_HEADER,
					WarrenNames.OP_HEADER + " " + parsed.wire() + " needs a " + WarrenNames.KEY_HEADER
							+ " of 1-255 visible ASCII characters, was " + describe(key));
		}
		return new RecordOp(parsed, collection, key);
	}

	/**
	 * Whether {@code key} is a valid record key: 1-255 characters from {@code !} to
	 * {@code ~}.
	 * @param key the candidate, may be {@code null}
	 * @return {@code true} when valid
	 */
	public static boolean isValidKey(String key) {
		if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
			return false;
		}
		for (int i = 0; i < key.length(); i++) {
			char c = key.charAt(i);
			if (c < 0x21 || c > 0x7e) {
				return false;
			}
		}
		return true;
	}

	private static String text(Object value) {
		return (value != null) ? value.toString() : null;
	}

	private static String describe(String value) {
		if (value == null) {
			return "missing";
		}
		return "'" + ((value.length() > 40) ? value.substring(0, 40) + "…" : value) + "'";
	}

	/**
	 * The three operations.
	 */
	public enum Op {

		/** Insert or replace the record {@code key} with the message's body. */
		UPSERT("upsert"),

		/** Remove the record {@code key}; the body is ignored. */
		DELETE("delete"),

		/** Remove every record of the collection; the body is ignored. */
		CLEAR("clear");

		private final String wire;

		Op(String wire) {
			this.wire = wire;
		}

		/**
		 * The value of {@code warren-op}.
		 * @return {@code upsert}, {@code delete} or {@code clear}
		 */
		public String wire() {
			return this.wire;
		}

		/**
		 * The operation a {@code warren-op} value names.
		 * @param value the value
		 * @return the operation
		 * @throws InvalidRecordOpException for any other value
		 */
		public static Op parse(String value) {
			for (Op op : values()) {
				if (op.wire.equals(value)) {
					return op;
				}
			}
			throw new InvalidRecordOpException(WarrenNames.OP_HEADER,
					WarrenNames.OP_HEADER + " must be upsert, delete or clear, was " + describe(value));
		}

	}

}
