package dev.warren.publisher.node;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A socket-server node as it last announced itself.
 *
 * @param node its id
 * @param url where clients reach it, as it announces it
 * ({@code warren.socket.public-url}), or {@code null}
 * @param startedAt when it started
 * @param connections its sessions, every way in
 * @param subscriptions their subscriptions, private channels included
 * @param lastSeenAt when its last announcement arrived
 * @param topics subscriptions per topic (not shown by the API)
 */
public record NodeView(String node, String url, Instant startedAt, int connections, int subscriptions,
		Instant lastSeenAt, @JsonIgnore Map<String, Integer> topics) {
}
