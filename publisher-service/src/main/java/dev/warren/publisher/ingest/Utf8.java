package dev.warren.publisher.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/**
 * Whether bytes are well-formed UTF-8. Most bodies are ASCII, which is checked without
 * decoding; anything else goes through the JDK's strict decoder (overlong forms, encoded
 * surrogates and truncated sequences are errors).
 */
final class Utf8 {

	private Utf8() {
	}

	static boolean isValid(byte[] bytes) {
		int i = 0;
		while (i < bytes.length && bytes[i] >= 0) {
			i++;
		}
		if (i == bytes.length) {
			return true;
		}
		try {
			StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes, i, bytes.length - i));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}
