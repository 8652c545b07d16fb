package dev.warren.socket.history;

/**
 * {@link RecoveryIntegrationTests} on the Netty edge.
 */
class EdgeRecoveryIntegrationTests extends RecoveryIntegrationTests {

	@Override
	protected boolean onEdge() {
		return true;
	}

}
