package dev.warren.publisher.publish;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import dev.warren.common.ChannelName;
import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;
import dev.warren.common.record.InvalidRecordOpException;
import dev.warren.common.record.RecordOp;
import dev.warren.publisher.ingest.IngestDecision;
import dev.warren.publisher.security.SecurityConfiguration;
import dev.warren.publisher.web.ApiProblems;
import dev.warren.publisher.web.InvalidFieldException;

/**
 * Publishing over HTTP with a {@code publish} key: the body is the message, its
 * {@code Content-Type} the message's. Answered 202 once RabbitMQ confirmed the message
 * into the ingest exchange.
 */
@RestController
@SecurityRequirement(name = SecurityConfiguration.BEARER, scopes = "publish")
class PublishController {

	/** Request header naming a request so that a retry publishes once. */
	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	/**
	 * Request header: the record operation, {@code upsert}, {@code delete} or
	 * {@code clear}.
	 */
	static final String OP = "Warren-Op";

	/** Request header: the collection of a record operation. */
	static final String COLLECTION = "Warren-Collection";

	/** Request header: the record key of an upsert or delete. */
	static final String KEY = "Warren-Key";

	private static final String DEFAULT_CONTENT_TYPE = "application/json";

	private final PublishService publisher;

	private final PublishProperties properties;

	PublishController(PublishService publisher, PublishProperties properties) {
		this.publisher = publisher;
		this.properties = properties;
	}

	@PostMapping("/v1/topics/{name}/messages")
	ResponseEntity<Map<String, String>> toTopic(@PathVariable String name,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, HttpServletRequest request,
			Authentication credential) throws IOException {
		return publish(RoutingKey.topic(valid("name", name)), idempotencyKey, request, credential);
	}

	@PostMapping("/v1/clients/{clientId}/messages")
	ResponseEntity<Map<String, String>> toClient(@PathVariable String clientId,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, HttpServletRequest request,
			Authentication credential) throws IOException {
		return publish(RoutingKey.client(valid("clientId", clientId)), idempotencyKey, request, credential);
	}

	@PostMapping("/v1/broadcast")
	ResponseEntity<Map<String, String>> toEveryone(
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey, HttpServletRequest request,
			Authentication credential) throws IOException {
		return publish(RoutingKey.broadcast(), idempotencyKey, request, credential);
	}

	private ResponseEntity<Map<String, String>> publish(RoutingKey key, String idempotencyKey,
			HttpServletRequest request, Authentication credential) throws IOException {
		if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7e]{1,255}")) {
			throw new InvalidFieldException(IDEMPOTENCY_KEY, "must be 1-255 visible ASCII characters");
		}
		String contentType = (request.getContentType() != null) ? request.getContentType() : DEFAULT_CONTENT_TYPE;
		int limit = (int) this.properties.maxBodySize().toBytes();
		HttpMessage message = new HttpMessage(key, contentType, body(request, limit), recordOp(request));
		IngestDecision decision = IngestDecision.decide(key.deliveryKey(), message.body(), contentType, limit);
		if (!decision.accepted()) {
			throw new InvalidFieldException("body", decision.detail());
		}
		PublishService.Published published = this.publisher.publish(credential.getName(), idempotencyKey, message);
		return ResponseEntity.accepted()
			.header("Idempotent-Replayed", Boolean.toString(published.replayed()))
			.body(Map.of("id", published.id()));
	}

	private static RecordOp recordOp(HttpServletRequest request) {
		try {
			return RecordOp.of(request.getHeader(OP), request.getHeader(COLLECTION), request.getHeader(KEY));
		}
		catch (InvalidRecordOpException ex) {
			String field = switch (ex.header()) {
				case WarrenNames.COLLECTION_HEADER -> COLLECTION;
				case WarrenNames.KEY_HEADER -> KEY;
				default -> OP;
			};
			throw new InvalidFieldException(field, ex.getMessage());
		}
	}

	private static String valid(String field, String name) {
		if (!ChannelName.isValid(name)) {
			throw new InvalidFieldException(field, "must be 1-128 characters of [A-Za-z0-9_.-]");
		}
		return name;
	}

	/**
	 * Reads at most {@code limit} bytes: a larger body is refused before it is all read.
	 */
	private static byte[] body(HttpServletRequest request, int limit) throws IOException {
		if (request.getContentLengthLong() > limit) {
			throw tooLarge(limit);
		}
		try (InputStream in = request.getInputStream()) {
			byte[] body = in.readNBytes(limit + 1);
			if (body.length > limit) {
				throw tooLarge(limit);
			}
			return body;
		}
	}

	private static ErrorResponseException tooLarge(int limit) {
		return ApiProblems.of(HttpStatus.CONTENT_TOO_LARGE,
				"The message body exceeds " + limit + " bytes (warren.publish.max-body-size).");
	}

}
