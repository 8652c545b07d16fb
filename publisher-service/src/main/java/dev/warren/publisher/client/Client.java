package dev.warren.publisher.client;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A registered client: who may connect to socket-server with a token for
 * {@link #getClientId()}.
 */
@Entity
@Table(name = "warren_client")
class Client {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(name = "client_id", nullable = false, unique = true, length = 128)
	private String clientId;

	@Column(nullable = false, length = 100)
	private String name;

	/** Lower-cased, so that uniqueness is case-insensitive on every database. */
	@Column(nullable = false, unique = true, length = 254)
	private String email;

	@Column(name = "password_hash", nullable = false, length = 100)
	private String passwordHash;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	protected Client() {
	}

	Client(String clientId, String name, String email, String passwordHash, Instant createdAt) {
		this.clientId = clientId;
		this.name = name;
		this.email = email;
		this.passwordHash = passwordHash;
		this.createdAt = createdAt;
	}

	Long getId() {
		return this.id;
	}

	String getClientId() {
		return this.clientId;
	}

	String getName() {
		return this.name;
	}

	String getEmail() {
		return this.email;
	}

	String getPasswordHash() {
		return this.passwordHash;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

}
