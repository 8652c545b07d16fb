package dev.warren.socket.auth;

/**
 * The same tests with the clients on the Netty edge.
 */
class EdgeStompAuthIntegrationTests extends StompAuthIntegrationTests {

	@Override
	protected boolean onEdge() {
		return true;
	}

}
