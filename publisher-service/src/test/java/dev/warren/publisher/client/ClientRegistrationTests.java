package dev.warren.publisher.client;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRegistrationTests {

	private static ValidatorFactory factory;

	private static Validator validator;

	@BeforeAll
	static void createValidator() {
		factory = Validation.buildDefaultValidatorFactory();
		validator = factory.getValidator();
	}

	@AfterAll
	static void closeValidator() {
		factory.close();
	}

	@Test
	void acceptsAValidRegistration() {
		assertThat(invalidFields(new ClientRegistration("Ann", "ann@example.com", "secret123", null))).isEmpty();
	}

	@Test
	void acceptsBoundaryLengths() {
		assertThat(invalidFields(new ClientRegistration("A", "a@b.io", "x".repeat(8), null))).isEmpty();
		assertThat(invalidFields(new ClientRegistration("n".repeat(100), "a@b.io", "x".repeat(128), null))).isEmpty();
	}

	@Test
	void rejectsMissingFields() {
		assertThat(invalidFields(new ClientRegistration(null, null, null, null))).containsExactlyInAnyOrder("name",
				"email", "password");
	}

	@Test
	void rejectsBlankOrLongName() {
		assertThat(invalidFields(new ClientRegistration("  ", "ann@example.com", "secret123", null)))
			.containsExactly("name");
		assertThat(invalidFields(new ClientRegistration("n".repeat(101), "ann@example.com", "secret123", null)))
			.containsExactly("name");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ann", "ann@", "@example.com", "ann@example", "ann @example.com", "a@b@c.com" })
	void rejectsMalformedEmail(String email) {
		assertThat(invalidFields(new ClientRegistration("Ann", email, "secret123", null))).containsExactly("email");
	}

	@Test
	void rejectsShortOrLongPassword() {
		assertThat(invalidFields(new ClientRegistration("Ann", "ann@example.com", "x".repeat(7), null)))
			.containsExactly("password");
		assertThat(invalidFields(new ClientRegistration("Ann", "ann@example.com", "x".repeat(129), null)))
			.containsExactly("password");
	}

	@Test
	void neverPrintsThePassword() {
		assertThat(new ClientRegistration("Ann", "ann@example.com", "secret123", null).toString())
			.doesNotContain("secret123");
	}

	@Test
	void normalizesEmailToLowerCase() {
		assertThat(ClientService.normalize("  Ann@Example.COM ")).isEqualTo("ann@example.com");
	}

	private static Set<String> invalidFields(ClientRegistration registration) {
		Set<ConstraintViolation<ClientRegistration>> violations = validator.validate(registration);
		return violations.stream().map((v) -> v.getPropertyPath().toString()).collect(Collectors.toSet());
	}

}
