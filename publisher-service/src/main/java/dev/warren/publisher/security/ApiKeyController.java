package dev.warren.publisher.security;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys for producers and operators; admin only.
 */
@RestController
@SecurityRequirement(name = SecurityConfiguration.BEARER, scopes = "admin")
class ApiKeyController {

	private final ApiKeyService keys;

	ApiKeyController(ApiKeyService keys) {
		this.keys = keys;
	}

	/**
	 * Creates a key; the answer is the only time the key is shown.
	 * @param request name and scopes
	 * @return 201 with the key
	 */
	@PostMapping("/v1/api-keys")
	ResponseEntity<ApiKeyView> create(@Valid @RequestBody ApiKeyRequest request) {
		ApiKeyView key = this.keys.create(request);
		return ResponseEntity.created(URI.create("/v1/api-keys/" + key.id())).body(key);
	}

	@GetMapping("/v1/api-keys")
	List<ApiKeyView> list() {
		return this.keys.list();
	}

	@DeleteMapping("/v1/api-keys/{id}")
	ResponseEntity<Void> revoke(@PathVariable String id) {
		this.keys.revoke(id);
		return ResponseEntity.noContent().build();
	}

}
