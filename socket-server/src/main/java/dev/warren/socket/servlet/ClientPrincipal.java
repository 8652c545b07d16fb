package dev.warren.socket.servlet;

import java.security.Principal;

/**
 * The user of a STOMP session: the client its token names. Its name is what
 * {@code /user/<name>/queue/data} resolves.
 *
 * @param clientId the client id
 */
record ClientPrincipal(String clientId) implements Principal {

	@Override
	public String getName() {
		return this.clientId;
	}

}
