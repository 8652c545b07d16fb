package dev.warren.socket.subscription;

/**
 * The same tests with the clients on the Netty edge.
 */
class EdgeSubscriptionIntegrationTests extends SubscriptionIntegrationTests {

	@Override
	protected boolean onEdge() {
		return true;
	}

}
