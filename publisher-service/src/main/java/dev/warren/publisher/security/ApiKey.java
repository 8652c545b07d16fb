package dev.warren.publisher.security;

import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * A stored API key: its name, scopes and the SHA-256 of the key, never the key.
 */
@Entity
@Table(name = "warren_api_key")
class ApiKey implements Persistable<String> {

	@Id
	@Column(length = 36)
	private String id;

	@Column(nullable = false, length = 100)
	private String name;

	@Column(nullable = false, length = 100)
	private String scopes;

	@Column(name = "key_hash", nullable = false, length = 64)
	private String keyHash;

	@Column(name = "key_prefix", nullable = false, length = 16)
	private String keyPrefix;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Transient
	private boolean fresh;

	protected ApiKey() {
	}

	ApiKey(String id, String name, Collection<Scope> scopes, String keyHash, String keyPrefix, Instant createdAt) {
		this.id = id;
		this.name = name;
		this.scopes = scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(" "));
		this.keyHash = keyHash;
		this.keyPrefix = keyPrefix;
		this.createdAt = createdAt;
		this.fresh = true;
	}

	@Override
	public String getId() {
		return this.id;
	}

	@Override
	public boolean isNew() {
		return this.fresh;
	}

	String getName() {
		return this.name;
	}

	Set<Scope> getScopes() {
		Set<Scope> set = EnumSet.noneOf(Scope.class);
		Arrays.stream(this.scopes.split(" ")).map(Scope::of).forEach((scope) -> scope.ifPresent(set::add));
		return set;
	}

	String getKeyPrefix() {
		return this.keyPrefix;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

}
