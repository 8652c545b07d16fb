package dev.warren.socket.history;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import dev.warren.socket.hub.History;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RecoveryIntegrationTests} with the history in the node's memory, as on the
 * embedded broker: the node queue bound to everything, positions numbered by the node.
 */
@TestPropertySource(properties = "warren.history.store=memory")
class MemoryRecoveryIntegrationTests extends RecoveryIntegrationTests {

	@Autowired
	History history;

	@Override
	protected boolean onEdge() {
		return true;
	}

	@Test
	void theHistoryIsTheNodesOwn() {
		assertThat(this.history).isInstanceOf(MemoryHistory.class);
	}

}
