package dev.warren.publisher.security;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.warren.publisher.web.ApiProblems;
import dev.warren.publisher.web.InvalidFieldException;

/**
 * Creates, lists, finds and revokes API keys. A key is {@code wk_} and 32 random bytes in
 * base64url; it is returned once and stored as its SHA-256.
 */
@Service
class ApiKeyService {

	private static final String PREFIX = "wk_";

	private static final int PREFIX_SHOWN = 10;

	private final ApiKeyRepository keys;

	private final Clock clock;

	ApiKeyService(ApiKeyRepository keys, Clock clock) {
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * Creates a key.
	 * @param request the validated request
	 * @return the key's view, with the key itself
	 * @throws InvalidFieldException for an unknown scope
	 */
	ApiKeyView create(ApiKeyRequest request) {
		Set<Scope> scopes = EnumSet.noneOf(Scope.class);
		for (String name : request.scopes()) {
			scopes.add(Scope.of(name)
				.orElseThrow(() -> new InvalidFieldException("scopes",
						"unknown scope '" + name + "': use publish, topics:write or admin")));
		}
		String secret = PREFIX + Secrets.random256();
		ApiKey key = new ApiKey(UUID.randomUUID().toString(), request.name().strip(), scopes, Digests.sha256Hex(secret),
				secret.substring(0, PREFIX_SHOWN), this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		return ApiKeyView.of(this.keys.saveAndFlush(key), secret);
	}

	List<ApiKeyView> list() {
		return this.keys.findAllByOrderByCreatedAt().stream().map((key) -> ApiKeyView.of(key, null)).toList();
	}

	/**
	 * Revokes a key: the next request with it is refused, on every instance.
	 * @param id the key's id
	 * @throws org.springframework.web.ErrorResponseException 404 when there is no such
	 * key
	 */
	void revoke(String id) {
		if (!this.keys.existsById(id)) {
			throw ApiProblems.of(HttpStatus.NOT_FOUND, "No API key " + id + ".");
		}
		this.keys.deleteById(id);
	}

	/**
	 * Finds a presented key.
	 * @param secret the bearer token
	 * @return the key, empty when it is no (longer a) key
	 */
	Optional<ApiKey> find(String secret) {
		if (!secret.startsWith(PREFIX)) {
			return Optional.empty();
		}
		return this.keys.findByKeyHash(Digests.sha256Hex(secret));
	}

}
