package dev.warren.publisher.client;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.dao.DataIntegrityViolationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The repository on H2, the embedded mode's database, with the Flyway schema.
 */
@DataJpaTest
class ClientRepositoryTests {

	@Autowired
	ClientRepository clients;

	@Test
	void findsByNormalizedEmail() {
		this.clients.saveAndFlush(client("c-1", ClientService.normalize("Ann@Example.com")));
		assertThat(this.clients.findByEmail(ClientService.normalize("ANN@example.COM")))
			.hasValueSatisfying((c) -> assertThat(c.getClientId()).isEqualTo("c-1"));
	}

	@Test
	void emailIsUnique() {
		this.clients.saveAndFlush(client("c-1", "ann@example.com"));
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.clients.saveAndFlush(client("c-2", "ann@example.com")));
	}

	@Test
	void clientIdIsUnique() {
		this.clients.saveAndFlush(client("c-1", "ann@example.com"));
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.clients.saveAndFlush(client("c-1", "bob@example.com")));
	}

	@Test
	void keepsCreationTime() {
		Instant created = Instant.parse("2026-01-02T03:04:05.123456Z");
		Client saved = this.clients.saveAndFlush(new Client("c-1", "Ann", "ann@example.com", "hash", created));
		assertThat(saved.getId()).isNotNull();
		assertThat(this.clients.findById(saved.getId())).hasValueSatisfying((c) -> {
			assertThat(c.getCreatedAt()).isEqualTo(created);
			assertThat(c.getName()).isEqualTo("Ann");
			assertThat(c.getPasswordHash()).isEqualTo("hash");
		});
	}

	static Client client(String clientId, String email) {
		return new Client(clientId, "Ann", email, "$2a$10$hash", Instant.now());
	}

}
