package dev.warren.publisher.client;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /v1/auth/token}.
 *
 * @param email the registered email, any case
 * @param password the password
 */
record LoginRequest(@NotBlank @Size(max = 254) String email, @NotNull @Size(max = 128) String password) {

	@Override
	public String toString() {
		return "LoginRequest[email=" + this.email + ", password=******]";
	}

}
