package dev.warren.publisher.record;

import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.client.AMQP;

import org.springframework.amqp.core.Message;

import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;
import dev.warren.common.record.InvalidRecordOpException;
import dev.warren.common.record.RecordOp;
import dev.warren.common.record.RecordChecksum;

/**
 * What the record ledger learns of one record operation: its destination (the scope it
 * changes: {@code client.<id>}, {@code topic.<name>} or {@code broadcast}), the
 * operation, and the SHA-256 of the body. It travels as the headers of an empty,
 * persistent message on the records queue, so the body itself is never kept twice.
 *
 * @param scope the delivery routing key
 * @param op the operation
 * @param bodyDigest the body's SHA-256 in hex ({@code null} for delete and clear)
 * @param id the message's {@code warren-id}
 */
public record LedgerEntry(String scope, RecordOp op, String bodyDigest, String id) {

	/** The ledger message carries headers only. */
	public static final byte[] NO_BODY = new byte[0];

	/** Header: the delivery routing key of the operation. */
	static final String SCOPE_HEADER = "warren-scope";

	/** Header: the body's SHA-256 in hex. */
	static final String BODY_DIGEST_HEADER = "warren-body-sha256";

	/**
	 * The properties of the ledger's copy of a delivery.
	 * @param delivery the delivery's properties (its {@code warren-id} is kept)
	 * @param key where the delivery goes
	 * @param op its record operation
	 * @param body its body, before any encryption
	 * @return persistent properties with the ledger's headers
	 */
	public static AMQP.BasicProperties properties(AMQP.BasicProperties delivery, RoutingKey key, RecordOp op,
			byte[] body) {
		Map<String, Object> headers = new HashMap<>(8);
		headers.put(WarrenNames.ID_HEADER, String.valueOf(delivery.getHeaders().get(WarrenNames.ID_HEADER)));
		headers.put(SCOPE_HEADER, key.deliveryKey());
		headers.put(WarrenNames.OP_HEADER, op.op().wire());
		headers.put(WarrenNames.COLLECTION_HEADER, op.collection());
		if (op.key() != null) {
			headers.put(WarrenNames.KEY_HEADER, op.key());
		}
		if (op.op() == RecordOp.Op.UPSERT) {
			headers.put(BODY_DIGEST_HEADER, RecordChecksum.bodyDigest(body));
		}
		return new AMQP.BasicProperties.Builder().deliveryMode(2).headers(headers).build();
	}

	/**
	 * The entry a ledger message carries.
	 * @param message a message of the records queue
	 * @return the entry, {@code null} when the message is not one (nothing else is
	 * published there, but a hand-made message must not stop the ledger)
	 */
	static LedgerEntry of(Message message) {
		Map<String, Object> headers = message.getMessageProperties().getHeaders();
		Object scope = headers.get(SCOPE_HEADER);
		if (scope == null) {
			return null;
		}
		try {
			RecordOp op = RecordOp.of(headers);
			Object digest = headers.get(BODY_DIGEST_HEADER);
			Object id = headers.get(WarrenNames.ID_HEADER);
			if (op == null || (op.op() == RecordOp.Op.UPSERT && digest == null)) {
				return null;
			}
			return new LedgerEntry(scope.toString(), op, (digest != null) ? digest.toString() : null,
					(id != null) ? id.toString() : null);
		}
		catch (InvalidRecordOpException ex) {
			return null;
		}
	}

}
