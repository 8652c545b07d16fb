package dev.warren.publisher.client;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /v1/auth/refresh} and {@code POST /v1/auth/revoke}.
 *
 * @param refreshToken the refresh token the last login or refresh answered
 */
record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {

	@Override
	public String toString() {
		return "RefreshRequest[refreshToken=******]";
	}

}
