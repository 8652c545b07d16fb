package dev.warren.common;

/**
 * The rule for client ids and topic names: 1 to 128 characters of {@code [A-Za-z0-9_.-]}.
 * Checked per message, so it is a character loop rather than a regular expression.
 */
public final class ChannelName {

	/** Longest valid name. */
	public static final int MAX_LENGTH = 128;

	private ChannelName() {
	}

	/**
	 * Whether {@code name} is a valid client id or topic name.
	 * @param name the candidate, may be {@code null}
	 * @return {@code true} when valid
	 */
	public static boolean isValid(CharSequence name) {
		return name != null && isValid(name, 0, name.length());
	}

	/**
	 * Whether the region {@code [from, to)} of {@code text} is a valid name.
	 * @param text the text holding the name
	 * @param from first index, inclusive
	 * @param to last index, exclusive
	 * @return {@code true} when valid
	 */
	public static boolean isValid(CharSequence text, int from, int to) {
		int length = to - from;
		if (length < 1 || length > MAX_LENGTH) {
			return false;
		}
		for (int i = from; i < to; i++) {
			if (!isAllowed(text.charAt(i))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isAllowed(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
				|| c == '-';
	}

}
