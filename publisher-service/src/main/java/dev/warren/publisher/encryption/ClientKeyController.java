package dev.warren.publisher.encryption;

import java.util.Map;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.warren.common.ChannelName;
import dev.warren.publisher.security.SecurityConfiguration;
import dev.warren.publisher.web.ApiProblems;
import dev.warren.publisher.web.InvalidFieldException;

/**
 * Rotating and removing a client's encryption key (admin).
 */
@RestController
@SecurityRequirement(name = SecurityConfiguration.BEARER, scopes = "admin")
class ClientKeyController {

	private final ClientKeys keys;

	ClientKeyController(ClientKeys keys) {
		this.keys = keys;
	}

	/**
	 * A new key for the client, replacing its current one at once (messages already in
	 * the history stay encrypted with the old one); turns encryption on for a client
	 * without one.
	 */
	@PostMapping("/v1/clients/{clientId}/encryption-key")
	ResponseEntity<Map<String, String>> rotate(@PathVariable String clientId) {
		valid(clientId);
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(Map.of("clientId", clientId, "encryptionKey", this.keys.create(clientId)));
	}

	@DeleteMapping("/v1/clients/{clientId}/encryption-key")
	ResponseEntity<Void> remove(@PathVariable String clientId) {
		valid(clientId);
		if (!this.keys.remove(clientId)) {
			throw ApiProblems.of(HttpStatus.NOT_FOUND, "Client " + clientId + " has no encryption key.");
		}
		return ResponseEntity.noContent().build();
	}

	private static void valid(String clientId) {
		if (!ChannelName.isValid(clientId)) {
			throw new InvalidFieldException("clientId", "must be 1-128 characters of [A-Za-z0-9_.-]");
		}
	}

}
