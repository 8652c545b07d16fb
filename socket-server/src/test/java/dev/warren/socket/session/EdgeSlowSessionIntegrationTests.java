package dev.warren.socket.session;

/**
 * The same tests with the clients on the Netty edge.
 */
class EdgeSlowSessionIntegrationTests extends SlowSessionIntegrationTests {

	@Override
	protected boolean onEdge() {
		return true;
	}

}
