package dev.warren.socket.publish;

/**
 * {@link ClientPublishIntegrationTests} with the clients on the Netty edge.
 */
class EdgeClientPublishIntegrationTests extends ClientPublishIntegrationTests {

	@Override
	protected boolean onEdge() {
		return true;
	}

}
