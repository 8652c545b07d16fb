package dev.warren.publisher.client;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Client registration and login.
 */
@RestController
class ClientController {

	private final ClientService clients;

	ClientController(ClientService clients) {
		this.clients = clients;
	}

	/**
	 * Registers a client; the same email and password again answer the same client.
	 * @param registration name, email and password
	 * @return 201 for a new client, 200 for a known one
	 */
	@PostMapping("/v1/create-channel-client")
	ResponseEntity<ClientSession> register(@Valid @RequestBody ClientRegistration registration) {
		ClientService.Registered registered = this.clients.register(registration);
		return ResponseEntity.status(registered.created() ? HttpStatus.CREATED : HttpStatus.OK)
			.body(registered.session());
	}

	/**
	 * Logs a client in.
	 * @param request email and password
	 * @return a fresh token
	 */
	@PostMapping("/v1/auth/token")
	ClientSession login(@Valid @RequestBody LoginRequest request) {
		return this.clients.login(request);
	}

}
