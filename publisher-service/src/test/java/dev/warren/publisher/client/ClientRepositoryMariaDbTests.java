package dev.warren.publisher.client;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.warren.testsupport.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The repository and the Flyway schema on the real MySQL-compatible database.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class ClientRepositoryMariaDbTests {

	@Autowired
	ClientRepository clients;

	@DynamicPropertySource
	static void props(DynamicPropertyRegistry registry) {
		RealServices.registerDatabase(registry);
	}

	@Test
	void findsByNormalizedEmail() {
		String email = "Repo-" + RealServices.RUN_ID + "@Example.com";
		this.clients
			.saveAndFlush(ClientRepositoryTests.client("r-1-" + RealServices.RUN_ID, ClientService.normalize(email)));
		assertThat(this.clients.findByEmail(ClientService.normalize(email.toUpperCase()))).isPresent();
	}

	@Test
	void emailIsUnique() {
		String email = "dup-" + RealServices.RUN_ID + "@example.com";
		this.clients.saveAndFlush(ClientRepositoryTests.client("r-2-" + RealServices.RUN_ID, email));
		assertThatExceptionOfType(DataIntegrityViolationException.class).isThrownBy(
				() -> this.clients.saveAndFlush(ClientRepositoryTests.client("r-3-" + RealServices.RUN_ID, email)));
	}

}
