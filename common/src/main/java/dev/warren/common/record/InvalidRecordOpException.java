package dev.warren.common.record;

/**
 * A message's {@code warren-op}, {@code warren-collection} and {@code warren-key} do not
 * name a valid record operation; the message says which and why.
 */
public class InvalidRecordOpException extends IllegalArgumentException {

	private final String header;

	/**
	 * Creates the exception.
	 * @param header the header at fault: {@code warren-op}, {@code warren-collection} or
	 * {@code warren-key}
	 * @param message what is wrong, for people
	 */
	public InvalidRecordOpException(String header, String message) {
		super(message);
		this.header = header;
	}

	/**
	 * The header at fault.
	 * @return {@code warren-op}, {@code warren-collection} or {@code warren-key}
	 */
	public String header() {
		return this.header;
	}

}
