package dev.warren.socket.auth;

/**
 * {@link TokenRefreshIntegrationTests} with the clients on the Netty edge.
 */
class EdgeTokenRefreshIntegrationTests extends TokenRefreshIntegrationTests {

	@Override
	protected boolean onEdge() {
		return true;
	}

}
