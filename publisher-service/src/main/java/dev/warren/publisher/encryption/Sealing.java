package dev.warren.publisher.encryption;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.macasaet.fernet.Key;
import com.macasaet.fernet.Token;
import com.rabbitmq.client.AMQP;

import dev.warren.common.WarrenNames;

/**
 * What ingest seals, and how: a message for an encrypted client, and one copy per member
 * of an encrypted topic's message, become Fernet tokens. The body becomes the token's
 * text, {@code content_type} keeps describing the clear text, and
 * {@code warren-encryption: fernet} tells the client to decrypt.
 */
public class Sealing {

	private static final SecureRandom random = new SecureRandom();

	private final ClientKeys keys;

	private final EncryptedTopics topics;

	Sealing(ClientKeys keys, EncryptedTopics topics) {
		this.keys = keys;
		this.topics = topics;
	}

	/**
	 * The key of a client with encryption on.
	 * @param clientId the client
	 * @return its key, {@code null} when its messages travel in clear
	 */
	public Key keyOf(String clientId) {
		return this.keys.keyOf(clientId);
	}

	/**
	 * The members of an encrypted topic.
	 * @param topic the topic
	 * @return its members, {@code null} for a topic whose messages travel as they are
	 */
	public Set<String> membersOf(String topic) {
		return this.topics.membersOf(topic);
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

	/**
	 * The properties of one member's sealed copy of a topic message: routed to the member
	 * ({@code client.<member>}), still destined for the topic, and for the member alone
	 * ({@code warren-recipient}).
	 * @param properties the topic message's properties
	 * @param member the member
	 * @return the copy's properties
	 */
	public static AMQP.BasicProperties markForMember(AMQP.BasicProperties properties, String member) {
		Map<String, Object> headers = new HashMap<>(properties.getHeaders());
		headers.put(WarrenNames.ENCRYPTION_HEADER, WarrenNames.FERNET);
		headers.put(WarrenNames.RECIPIENT_HEADER, member);
		return properties.builder().headers(headers).build();
	}

}
