package dev.warren.publisher.security;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /v1/api-keys}.
 *
 * @param name what the key is for, 1 to 100 characters
 * @param scopes one or more of {@code publish}, {@code topics:write}, {@code admin}
 */
record ApiKeyRequest(@NotBlank @Size(max = 100) String name,
		@NotEmpty @Size(max = 3) List<@NotBlank @Size(max = 20) String> scopes) {
}
