package dev.warren.common.record;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;

/**
 * The checksum of a collection's records, computed the same way by publisher-service
 * (what a client should hold) and by {@code warren-sub replica} (what it holds): SHA-256
 * over {@code <key>\n<SHA-256 of the body, hex>\n} for every record, in the order of the
 * keys' characters ({@link String#compareTo}).
 */
public final class RecordChecksum {

	private RecordChecksum() {
	}

	/**
	 * The checksum of a collection.
	 * @param bodyDigests each record's key and the hex SHA-256 of its body, sorted by key
	 * @return the checksum, 64 hex digits
	 */
	public static String of(SortedMap<String, String> bodyDigests) {
		MessageDigest digest = sha256();
		for (Map.Entry<String, String> record : bodyDigests.entrySet()) {
			digest.update(record.getKey().getBytes(StandardCharsets.US_ASCII));
			digest.update((byte) '\n');
			digest.update(record.getValue().getBytes(StandardCharsets.US_ASCII));
			digest.update((byte) '\n');
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * The hex SHA-256 of a record's body.
	 * @param body the body as delivered (after decryption, for an encrypted one)
	 * @return 64 hex digits
	 */
	public static String bodyDigest(byte[] body) {
		return HexFormat.of().formatHex(sha256().digest(body));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
