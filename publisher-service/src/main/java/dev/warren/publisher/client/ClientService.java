package dev.warren.publisher.client;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

import dev.warren.common.WarrenNames;
import dev.warren.publisher.encryption.ClientKeys;
import dev.warren.publisher.encryption.EncryptionOffException;
import dev.warren.common.token.IssuedToken;
import dev.warren.publisher.auth.TokenIssuer;
import dev.warren.publisher.node.NodeRegistry;

/**
 * Registers clients and logs them in. Registering an email again with its password is a
 * login: it answers the same client id with a fresh token.
 */
@Service
class ClientService {

	private final ClientRepository clients;

	private final PasswordHasher passwords;

	private final TokenIssuer tokens;

	private final ClientProperties properties;

	private final Clock clock;

	private final NodeRegistry nodes;

	private final RefreshTokens refreshTokens;

	private final ClientKeys keys;

	ClientService(ClientRepository clients, PasswordHasher passwords, TokenIssuer tokens, ClientProperties properties,
			NodeRegistry nodes, RefreshTokens refreshTokens, ClientKeys keys, Clock clock) {
		this.keys = keys;
		this.nodes = nodes;
		this.refreshTokens = refreshTokens;
		this.clients = clients;
		this.passwords = passwords;
		this.tokens = tokens;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Registers a client, or logs in a known one.
	 * @param registration the validated registration
	 * @return the session, and whether the client is new
	 * @throws InvalidCredentialsException when the email is known with another password
	 */
	Registered register(ClientRegistration registration) {
		if (registration.wantsEncryption() && !this.keys.enabled()) {
			throw new EncryptionOffException();
		}
		String email = normalize(registration.email());
		Optional<Client> known = this.clients.findByEmail(email);
		if (known.isPresent()) {
			return new Registered(encrypted(login(known.get(), registration.password()), registration), false);
		}
		Client client = new Client(UUID.randomUUID().toString(), registration.name().strip(), email,
				this.passwords.hash(registration.password()), this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		try {
			client = this.clients.saveAndFlush(client);
		}
		catch (DataIntegrityViolationException ex) {
			// Registered concurrently by another request: the unique index on email
			// decided.
			Client winner = this.clients.findByEmail(email).orElseThrow(() -> ex);
			return new Registered(encrypted(login(winner, registration.password()), registration), false);
		}
		return new Registered(encrypted(session(client), registration), true);
	}

	/**
	 * Gives a client that asks for encryption and has no key yet its key, in this answer
	 * only. A known client with a key gets none: a new one comes from rotation.
	 */
	private ClientSession encrypted(ClientSession session, ClientRegistration registration) {
		if (!registration.wantsEncryption() || this.keys.has(session.clientId())) {
			return session;
		}
		return session.withEncryptionKey(this.keys.create(session.clientId()));
	}

	/**
	 * Logs a client in.
	 * @param request the validated login
	 * @return a session with a fresh token
	 * @throws InvalidCredentialsException for an unknown email or a wrong password
	 */
	ClientSession login(LoginRequest request) {
		Client client = this.clients.findByEmail(normalize(request.email())).orElse(null);
		// An unknown email is checked against a hash too: the same answer in the same
		// time.
		if (!this.passwords.matches(request.password(), (client != null) ? client.getPasswordHash() : null)) {
			throw new InvalidCredentialsException();
		}
		return session(client);
	}

	private ClientSession login(Client client, String password) {
		if (!this.passwords.matches(password, client.getPasswordHash())) {
			throw new InvalidCredentialsException();
		}
		return session(client);
	}

	/**
	 * Exchanges a refresh token for a fresh token and the next refresh token.
	 * @param request the refresh token
	 * @return the session
	 * @throws RefreshTokenException when the refresh token cannot be exchanged
	 */
	ClientSession refresh(RefreshRequest request) {
		RefreshTokens.Rotated rotated = this.refreshTokens.rotate(request.refreshToken());
		return session(rotated.clientId(), rotated.next());
	}

	/**
	 * Revokes every refresh token of the login the given one belongs to.
	 * @param request the refresh token
	 */
	void revoke(RefreshRequest request) {
		this.refreshTokens.revoke(request.refreshToken());
	}

	private ClientSession session(Client client) {
		return session(client.getClientId(), this.refreshTokens.issue(client.getClientId()));
	}

	private ClientSession session(String clientId, IssuedToken refreshToken) {
		IssuedToken token = this.tokens.issue(clientId);
		return new ClientSession(clientId, WarrenNames.PRIVATE_DESTINATION, token.value(), token.expiresAt(),
				refreshToken.value(), refreshToken.expiresAt(), socketUrl());
	}

	/**
	 * Where the client is told to connect, by
	 * {@code warren.publisher.socket-url-strategy}.
	 */
	String socketUrl() {
		if (this.properties.socketUrlStrategy() == SocketUrlStrategy.LEAST_LOADED) {
			return this.nodes.leastLoadedUrl().orElse(this.properties.socketUrl());
		}
		return this.properties.socketUrl();
	}

	static String normalize(String email) {
		return email.strip().toLowerCase(Locale.ROOT);
	}

	/**
	 * A registration's outcome.
	 *
	 * @param session the client's session
	 * @param created whether the client was created by this call
	 */
	record Registered(ClientSession session, boolean created) {
	}

}
