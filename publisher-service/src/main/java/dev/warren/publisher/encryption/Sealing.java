package dev.warren.publisher.encryption;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;

import com.macasaet.fernet.Key;
import com.macasaet.fernet.Token;
import com.rabbitmq.client.AMQP;

import dev.warren.common.WarrenNames;

/**
 * Turns a message for an encrypted client into a Fernet token: the body becomes the
 * token's text, {@code content_type} keeps describing the clear text, and
 * {@code warren-encryption: fernet} tells the client to decrypt.
 */
public final class Sealing {

	private static final SecureRandom random = new SecureRandom();

	private Sealing() {
	}

	/**
	 * Encrypts a body.
	 * @param key the client's key
	 * @param body the clear body
	 * @return the Fernet token, as ASCII bytes
	 */
	public static byte[] seal(Key key, byte[] body) {
		return Token.generate(random, key, body).serialise().getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * The properties of a sealed message.
	 * @param properties the clear message's properties
	 * @return the same with {@code warren-encryption: fernet}
	 */
	public static AMQP.BasicProperties mark(AMQP.BasicProperties properties) {
		Map<String, Object> headers = new HashMap<>(properties.getHeaders());
		headers.put(WarrenNames.ENCRYPTION_HEADER, WarrenNames.FERNET);
		return properties.builder().headers(headers).build();
	}

}
