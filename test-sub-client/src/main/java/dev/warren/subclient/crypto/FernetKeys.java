package dev.warren.subclient.crypto;

import java.time.Duration;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.macasaet.fernet.Key;
import com.macasaet.fernet.Token;
import com.macasaet.fernet.TokenValidationException;
import com.macasaet.fernet.Validator;

import org.springframework.messaging.simp.stomp.StompHeaders;

import dev.warren.common.WarrenNames;

/**
 * The client's Fernet keys ({@code --key}, the newest first after a rotation): opens the
 * body of a message that carries {@code warren-encryption: fernet}.
 */
public final class FernetKeys {

	private static final Validator<byte[]> BYTES = new Validator<>() {

		@Override
		public TemporalAmount getTimeToLive() {
			// A message replayed from the history is as old as the history: the age of a
			// token says nothing about whether to trust it.
			return Duration.ofDays(365L * 100);
		}

		@Override
		public Function<byte[], byte[]> getTransformer() {
			return Function.identity();
		}

	};

	private final List<Key> keys;

	private FernetKeys(List<Key> keys) {
		this.keys = keys;
	}

	/**
	 * The keys given on the command line.
	 * @param keys Fernet keys in their base64url form, may be empty
	 * @return the keys
	 * @throws IllegalArgumentException when one is not a Fernet key
	 */
	public static FernetKeys of(List<String> keys) {
		List<Key> parsed = new ArrayList<>();
		for (String key : keys) {
			try {
				parsed.add(new Key(key.strip()));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("not a Fernet key (32 bytes, base64url): " + ex.getMessage());
			}
		}
		return new FernetKeys(List.copyOf(parsed));
	}

	/**
	 * Whether a message's body is a Fernet token.
	 * @param headers the message's headers
	 * @return {@code true} when it carries {@code warren-encryption: fernet}
	 */
	public static boolean isSealed(StompHeaders headers) {
		return WarrenNames.FERNET.equals(headers.getFirst(WarrenNames.ENCRYPTION_HEADER));
	}

	/**
	 * Opens a sealed body.
	 * @param token the body, a Fernet token
	 * @return the clear body
	 * @throws UndecryptableException when none of the keys opens it
	 */
	public byte[] open(byte[] token) {
		if (this.keys.isEmpty()) {
			throw new UndecryptableException("the message is encrypted: give the client's key with --key");
		}
		try {
			return Token.fromString(new String(token, java.nio.charset.StandardCharsets.US_ASCII))
				.validateAndDecrypt(this.keys, BYTES);
		}
		catch (TokenValidationException | IllegalArgumentException ex) {
			throw new UndecryptableException("no --key opens the message: " + ex.getMessage());
		}
	}

	/**
	 * A sealed message that cannot be opened.
	 */
	public static final class UndecryptableException extends RuntimeException {

		UndecryptableException(String message) {
			super(message);
		}

	}

}
