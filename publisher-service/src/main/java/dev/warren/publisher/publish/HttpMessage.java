package dev.warren.publisher.publish;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import dev.warren.common.RoutingKey;
import dev.warren.common.record.RecordOp;

/**
 * One message published over HTTP: where it goes, its body and content type.
 *
 * @param routingKey the ingest routing key ({@code topic.<name>}, {@code client.<id>},
 * {@code broadcast})
 * @param contentType the request's content type, {@code application/json} when absent
 * @param body the request body
 * @param record the record operation ({@code Warren-Op}, {@code Warren-Collection},
 * {@code Warren-Key}), {@code null} for a plain message
 */
record HttpMessage(RoutingKey routingKey, String contentType, byte[] body, RecordOp record) {

	/**
	 * A digest of what is published, to tell a retried request from another one that
	 * reuses its {@code Idempotency-Key}.
	 * @return SHA-256 over routing key, content type and body, in hex
	 */
	String fingerprint() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(this.routingKey.deliveryKey().getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			digest.update(this.contentType.getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			if (this.record != null) {
				digest.update((this.record.op().wire() + "\0" + this.record.collection() + "\0"
						+ ((this.record.key() != null) ? this.record.key() : ""))
					.getBytes(StandardCharsets.UTF_8));
			}
			digest.update((byte) 0);
			return HexFormat.of().formatHex(digest.digest(this.body));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JVM", ex);
		}
	}

}
