package dev.warren.publisher.client;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /v1/create-channel-client}.
 *
 * @param name display name, 1 to 100 characters
 * @param email the client's email; unique, compared case-insensitively
 * @param password 8 to 128 characters
 * @param encryption whether messages to the client are encrypted (a Fernet key is
 * answered once); {@code null} is {@code false}
 */
record ClientRegistration(@NotBlank @Size(max = 100) String name,
		@NotBlank @Size(max = 254) @Email(regexp = ClientRegistration.EMAIL_SHAPE,
				message = "must be a well-formed email address") String email,
		@NotNull @Size(min = 8, max = 128) String password, Boolean encryption) {

	/**
	 * Whether the client asks for encryption.
	 * @return {@code true} when it does
	 */
	boolean wantsEncryption() {
		return Boolean.TRUE.equals(this.encryption);
	}

	/** Something before and after one {@code @}, and a dot in the domain. */
	static final String EMAIL_SHAPE = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

	@Override
	public String toString() {
		return "ClientRegistration[name=" + this.name + ", email=" + this.email + ", password=******, encryption="
				+ this.encryption + "]";
	}

}
