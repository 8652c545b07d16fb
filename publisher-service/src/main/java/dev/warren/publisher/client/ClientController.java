package dev.warren.publisher.client;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Client registration and login, both throttled per source address and per account.
 */
@RestController
class ClientController {

	private final ClientService clients;

	private final LoginThrottle throttle;

	ClientController(ClientService clients, LoginThrottle throttle) {
		this.clients = clients;
		this.throttle = throttle;
	}

	/**
	 * Registers a client; the same email and password again answer the same client.
	 * @param registration name, email and password
	 * @param request the HTTP request, for its source address
	 * @return 201 for a new client, 200 for a known one
	 */
	@PostMapping("/v1/create-channel-client")
	ResponseEntity<ClientSession> register(@Valid @RequestBody ClientRegistration registration,
			HttpServletRequest request) {
		ClientService.Registered registered = throttled(request, registration.email(),
				() -> this.clients.register(registration));
		return ResponseEntity.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(registered.session());
	}

	/**
	 * Logs a client in.
	 * @param login email and password
	 * @param request the HTTP request, for its source address
	 * @return a fresh token
	 */
	@PostMapping("/v1/auth/token")
	ClientSession login(@Valid @RequestBody LoginRequest login, HttpServletRequest request) {
		return throttled(request, login.email(), () -> this.clients.login(login));
	}

	/**
	 * Exchanges a refresh token for a fresh token and the next refresh token; the one
	 * sent is used up.
	 * @param refresh the refresh token
	 * @return the session
	 */
	@PostMapping("/v1/auth/refresh")
	ClientSession refresh(@Valid @RequestBody RefreshRequest refresh) {
		return this.clients.refresh(refresh);
	}

	/**
	 * Revokes a refresh token and every other of its login (a logout). Answers 204 for an
	 * unknown token too.
	 * @param refresh the refresh token
	 * @return 204
	 */
	@PostMapping("/v1/auth/revoke")
	ResponseEntity<Void> revoke(@Valid @RequestBody RefreshRequest refresh) {
		this.clients.revoke(refresh);
		return ResponseEntity.noContent().build();
	}

	private <T> T throttled(HttpServletRequest request, String email, Supplier<T> attempt) {
		this.throttle.attempt(request.getRemoteAddr(), email);
		try {
			return attempt.get();
		}
		catch (InvalidCredentialsException ex) {
			this.throttle.failed(email);
			throw ex;
		}
	}

}
