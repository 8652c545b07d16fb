package dev.warren.publisher.encryption;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import com.macasaet.fernet.Key;
import com.macasaet.fernet.StringValidator;
import com.macasaet.fernet.Token;

import dev.warren.common.token.TokenSecrets;

/**
 * Seals client keys for the database: a Fernet key derived (SHA-256) from the configured
 * master secret. The database alone never reveals a client key.
 */
final class MasterKey {

	/** Shortest accepted master secret. */
	static final int MIN_LENGTH = 32;

	private final Key key;

	private MasterKey(Key key) {
		this.key = key;
	}

	/**
	 * The master key the configuration gives.
	 * @param properties the encryption settings
	 * @param embedded whether Warren runs in the embedded mode, which keeps a generated
	 * secret in a file
	 * @return the key, {@code null} when encryption is off
	 * @throws IllegalStateException when the configured secret is too short
	 */
	static MasterKey resolve(EncryptionProperties properties, boolean embedded) {
		String secret = properties.masterKey();
		if (secret == null || secret.isBlank()) {
			if (!embedded) {
				return null;
			}
			secret = new String(TokenSecrets.loadOrCreate(properties.masterKeyFile()), StandardCharsets.UTF_8).trim();
		}
		if (secret.length() < MIN_LENGTH) {
			throw new IllegalStateException("WARREN_ENCRYPTION_MASTER_KEY (warren.encryption.master-key) is "
					+ secret.length() + " characters long; it must be at least " + MIN_LENGTH);
		}
		try {
			byte[] derived = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
			return new MasterKey(new Key(derived));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

	String seal(Key clientKey) {
		return Token.generate(this.key, clientKey.serialise()).serialise();
	}

	Key open(String sealed) {
		return new Key(Token.fromString(sealed).validateAndDecrypt(this.key, new Unexpiring()));
	}

	@Override
	public String toString() {
		return "MasterKey[******]";
	}

	/** Sealed keys do not expire. */
	private static final class Unexpiring implements StringValidator {

		@Override
		public java.time.temporal.TemporalAmount getTimeToLive() {
			return java.time.Duration.ofDays(365L * 1000);
		}

	}

}
