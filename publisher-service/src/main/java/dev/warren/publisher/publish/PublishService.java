package dev.warren.publisher.publish;

import java.util.Optional;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.warren.publisher.web.ApiProblems;

/**
 * Publishes messages for the HTTP API, once per {@code Idempotency-Key}.
 */
@Service
class PublishService {

	private final IngestPublisher ingest;

	private final IdempotencyKeys idempotencyKeys;

	PublishService(IngestPublisher ingest, IdempotencyKeys idempotencyKeys) {
		this.ingest = ingest;
		this.idempotencyKeys = idempotencyKeys;
	}

	/**
	 * Publishes a message, or answers the earlier answer for a repeated key.
	 * @param owner the credential that publishes
	 * @param idempotencyKey the request's key, or {@code null}
	 * @param message what to publish
	 * @return the message's id and whether it was published by an earlier request
	 */
	Published publish(String owner, String idempotencyKey, HttpMessage message) {
		String id = "h-" + UUID.randomUUID();
		if (idempotencyKey == null) {
			this.ingest.publish(message, id);
			return new Published(id, false);
		}
		String fingerprint = message.fingerprint();
		Optional<IdempotencyKeys.Claim> earlier = this.idempotencyKeys.claim(owner, idempotencyKey, fingerprint, id);
		if (earlier.isPresent()) {
			if (!earlier.get().fingerprint().equals(fingerprint)) {
				throw ApiProblems.of(HttpStatus.UNPROCESSABLE_CONTENT,
						"This Idempotency-Key was used for another message (destination, content type "
								+ "or body) within the idempotency window.");
			}
			return new Published(earlier.get().messageId(), true);
		}
		try {
			this.ingest.publish(message, id);
		}
		catch (RuntimeException ex) {
			this.idempotencyKeys.release(owner, idempotencyKey);
			throw ex;
		}
		return new Published(id, false);
	}

	/**
	 * What a publish answers.
	 *
	 * @param id the message's {@code warren-id}
	 * @param replayed whether an earlier request with the same key published it
	 */
	record Published(String id, boolean replayed) {
	}

}
