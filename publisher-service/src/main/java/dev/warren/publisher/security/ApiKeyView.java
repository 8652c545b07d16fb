package dev.warren.publisher.security;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An API key as the API shows it: never the key, except in the answer that creates it.
 *
 * @param id the key's id, for {@code DELETE /v1/api-keys/{id}}
 * @param name what it is for
 * @param scopes what it may do
 * @param prefix the key's first characters, to tell keys apart
 * @param createdAt when it was created
 * @param key the key itself: only in the creation's answer, {@code null} (left out)
 * otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiKeyView(String id, String name, Set<Scope> scopes, String prefix, Instant createdAt, String key) {

	static ApiKeyView of(ApiKey key, String secret) {
		return new ApiKeyView(key.getId(), key.getName(), key.getScopes(), key.getKeyPrefix(), key.getCreatedAt(),
				secret);
	}

}
