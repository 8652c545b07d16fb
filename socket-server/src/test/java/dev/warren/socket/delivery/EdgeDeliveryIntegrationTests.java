package dev.warren.socket.delivery;

/**
 * The same tests with the clients on the Netty edge.
 */
class EdgeDeliveryIntegrationTests extends DeliveryIntegrationTests {

	@Override
	protected boolean onEdge() {
		return true;
	}

}
