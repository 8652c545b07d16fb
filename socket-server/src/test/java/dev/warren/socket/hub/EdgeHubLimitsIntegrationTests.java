package dev.warren.socket.hub;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.warren.socket.support.JsonClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The limits on the edge, for STOMP (the inherited tests) and JSON: a JSON connection
 * past the client's connections gets {@code limit_exceeded} and 1008; a refused
 * subscription leaves the connection open.
 */
class EdgeHubLimitsIntegrationTests extends HubLimitsIntegrationTests {

	@Override
	protected boolean onEdge() {
		return true;
	}

	@Test
	void aJsonClientPastItsLimitsIsToldWhich() {
		String client = newClientId();
		JsonClient first = connectedJson(client);
		connectedJson(client);
		JsonClient third = JsonClient.open(this.edge.port(), "/ws/json", token(client));
		JsonNode refused = third.await((frame) -> "error".equals(frame.path("type").asString()));
		assertThat(refused.path("code").asString()).isEqualTo("limit_exceeded");
		assertThat(third.awaitClose()).isEqualTo(1008);
		// The private channel is one of the three subscriptions a connection may hold.
		String run = Long.toString(System.nanoTime(), 36);
		first.send("{\"type\":\"Subscribe\",\"request_id\":\"s1\",\"topic\":\"json-limited-" + run + "-1\"}");
		first.await("response", "s1");
		first.send("{\"type\":\"Subscribe\",\"request_id\":\"s2\",\"topic\":\"json-limited-" + run + "-2\"}");
		first.await("response", "s2");
		first.send("{\"type\":\"Subscribe\",\"request_id\":\"s3\",\"topic\":\"json-limited-" + run + "-3\"}");
		assertThat(first.await("error", "s3").path("code").asString()).isEqualTo("limit_exceeded");
		assertThat(first.isClosed()).isFalse();
	}

	private JsonClient connectedJson(String clientId) {
		JsonClient client = JsonClient.open(this.edge.port(), "/ws/json", token(clientId));
		client.await((frame) -> "connected".equals(frame.path("type").asString()));
		return client;
	}

}
