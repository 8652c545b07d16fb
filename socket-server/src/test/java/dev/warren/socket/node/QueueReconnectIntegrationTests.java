package dev.warren.socket.node;

import org.springframework.test.context.TestPropertySource;

/**
 * {@link ReconnectIntegrationTests} on a node queue bound by interest
 * ({@code warren.history.store=none}): the bindings come back with the new queue.
 */
@TestPropertySource(properties = "warren.history.store=none")
class QueueReconnectIntegrationTests extends ReconnectIntegrationTests {

}
