package dev.warren.publisher.record;

import java.util.List;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.warren.common.ChannelName;
import dev.warren.publisher.security.SecurityConfiguration;
import dev.warren.publisher.web.InvalidFieldException;

/**
 * The expected checksum of a client's replica of a collection (admin), to check a replica
 * against the source.
 */
@RestController
@SecurityRequirement(name = SecurityConfiguration.BEARER, scopes = "admin")
class RecordController {

	private static final int MAX_TOPICS = 100;

	private final RecordChecksums checksums;

	RecordController(RecordChecksums checksums) {
		this.checksums = checksums;
	}

	@GetMapping("/v1/clients/{clientId}/collections/{collection}/checksum")
	RecordChecksums.Expected checksum(@PathVariable String clientId, @PathVariable String collection,
			@RequestParam(name = "topic", required = false) List<String> topics) {
		valid("clientId", clientId);
		valid("collection", collection);
		List<String> followed = (topics != null) ? topics : List.of();
		if (followed.size() > MAX_TOPICS) {
			throw new InvalidFieldException("topic", "at most " + MAX_TOPICS + " topics");
		}
		followed.forEach((topic) -> valid("topic", topic));
		return this.checksums.expected(clientId, collection, followed);
	}

	private static void valid(String field, String value) {
		if (!ChannelName.isValid(value)) {
			throw new InvalidFieldException(field, "must be 1-128 characters of [A-Za-z0-9_.-]");
		}
	}

}
