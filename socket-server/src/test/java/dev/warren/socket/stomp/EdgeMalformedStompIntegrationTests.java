package dev.warren.socket.stomp;

/**
 * The same tests on the Netty edge.
 */
class EdgeMalformedStompIntegrationTests extends MalformedStompIntegrationTests {

	@Override
	protected boolean onEdge() {
		return true;
	}

}
