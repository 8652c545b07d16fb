package dev.warren.socket.hub;

/**
 * Where a client can resume from: {@code <offset>-<check>}, the message's offset in the
 * history and a check of its {@code warren-id}. A history that was reset (a new stream, a
 * restarted embedded node) holds another message at that offset, or none, so the check
 * tells the node that continuity is lost instead of replaying the wrong messages. Opaque
 * to clients: they keep the last one they received and send it back.
 *
 * @param offset the message's offset in the history
 * @param check the check of its id
 */
public record Position(long offset, String check) {

	/**
	 * The position of a message, as sent to clients.
	 * @param offset its offset
	 * @param id its {@code warren-id}, may be {@code null}
	 * @return {@code <offset>-<check>}
	 */
	public static String format(long offset, String id) {
		return offset + "-" + check(id);
	}

	/**
	 * A position a client sent back.
	 * @param text the header or field, may be {@code null}
	 * @return the position, {@code null} when the text is none
	 */
	public static Position parse(String text) {
		if (text == null) {
			return null;
		}
		int dash = text.indexOf('-');
		if (dash < 1 || dash == text.length() - 1 || text.length() > 40) {
			return null;
		}
		try {
			long offset = Long.parseLong(text, 0, dash, 10);
			return (offset >= 0) ? new Position(offset, text.substring(dash + 1)) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/**
	 * Whether a message of the history is the one this position names.
	 * @param offset the message's offset
	 * @param id its {@code warren-id}
	 * @return whether offset and check match
	 */
	public boolean names(long offset, String id) {
		return this.offset == offset && this.check.equals(check(id));
	}

	private static String check(String id) {
		return (id != null) ? Integer.toUnsignedString(id.hashCode(), 36) : "0";
	}

}
