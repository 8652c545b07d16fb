package dev.warren.subclient.load;

import java.util.List;

/**
 * Who subscribes to what in a load run, and the stream ids the producer stamps into
 * bodies: topic {@code t} is stream {@code t}, broadcast is stream {@code topics}, and
 * the direct channel of client {@code c} is stream {@code topics + 1 + c}. Client
 * {@code c} follows topics {@code c, c+1, …} (mod {@code topics}),
 * {@code topicsPerClient} of them, and connects to node {@code c mod nodes}.
 *
 * @param target what is measured
 * @param runId short id that keeps this run's client ids and topics apart from others
 * @param clientIds the clients' ids, by index
 * @param topics number of shared topics
 * @param topicsPerClient how many of them each client follows
 * @param nodes number of socket URLs the clients are spread over
 * @param broadcast whether clients should receive broadcasts (Web-STOMP needs an extra
 * subscription for them)
 */
record LoadPlan(LoadTarget target, String runId, List<String> clientIds, int topics, int topicsPerClient, int nodes,
		boolean broadcast) {

	/**
	 * Ids for clients whose tokens the tool mints itself.
	 * @param runId the run
	 * @param count how many
	 * @return {@code load-<runId>-<index>} for each
	 */
	static List<String> syntheticIds(String runId, int count) {
		return java.util.stream.IntStream.range(0, count).mapToObj((c) -> "load-" + runId + "-" + c).toList();
	}

	int clients() {
		return this.clientIds.size();
	}

	int broadcastStream() {
		return this.topics;
	}

	int directStream(int client) {
		return this.topics + 1 + client;
	}

	int topicOf(int client, int nth) {
		return (client + nth) % this.topics;
	}

	int nodeOf(int client) {
		return client % this.nodes;
	}

	String clientId(int client) {
		return this.clientIds.get(client);
	}

	String topicName(int topic) {
		return "load-" + this.runId + "-t" + topic;
	}

	/**
	 * The destinations client {@code c} subscribes to; subscription id {@code i} is the
	 * {@code i}th of them.
	 */
	List<String> destinations(int client) {
		String[] destinations = new String[1 + this.topicsPerClient + (webStompBroadcast() ? 1 : 0)];
		destinations[0] = (this.target == LoadTarget.WEB_STOMP) ? "/topic/client." + clientId(client)
				: "/user/queue/data";
		for (int j = 0; j < this.topicsPerClient; j++) {
			String name = topicName(topicOf(client, j));
			destinations[1 + j] = (this.target == LoadTarget.WEB_STOMP) ? "/topic/topic." + name : "/topic/" + name;
		}
		if (webStompBroadcast()) {
			destinations[destinations.length - 1] = "/topic/broadcast";
		}
		return List.of(destinations);
	}

	/**
	 * A tracker for client {@code c}: its direct stream, its topics and broadcast, each
	 * on the subscription that carries it.
	 */
	StreamTracker trackerFor(int client) {
		int count = 2 + this.topicsPerClient;
		int[] streams = new int[count];
		int[] subscriptions = new int[count];
		streams[0] = directStream(client);
		subscriptions[0] = 0;
		for (int j = 0; j < this.topicsPerClient; j++) {
			streams[1 + j] = topicOf(client, j);
			subscriptions[1 + j] = 1 + j;
		}
		streams[count - 1] = broadcastStream();
		subscriptions[count - 1] = webStompBroadcast() ? 1 + this.topicsPerClient : 0;
		return new StreamTracker(streams, subscriptions);
	}

	private boolean webStompBroadcast() {
		return this.broadcast && this.target == LoadTarget.WEB_STOMP;
	}

}
