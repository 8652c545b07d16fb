package dev.warren.socket.stomp;

/**
 * The same test on the Netty edge.
 */
class EdgeReceiptBurstIntegrationTests extends ReceiptBurstIntegrationTests {

	@Override
	protected boolean onEdge() {
		return true;
	}

	@Override
	protected int burstSize() {
		return 900;
	}

}
