package dev.warren.e2e.faults;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a scenario's clients received, set against what RabbitMQ confirmed to the
 * producer: the figures every scenario reports.
 *
 * @param sent messages the producer generated
 * @param confirmed of them, confirmed by RabbitMQ (accepted)
 * @param delivered distinct messages delivered, summed over clients
 * @param lost accepted messages a client should have received and did not
 * @param duplicates deliveries of a message the client already had (before it
 * deduplicates by {@code warren-id})
 * @param duplicatesAfterDedupe deliveries of a message the client already had under
 * another {@code warren-id}
 * @param reordered first deliveries that arrived after a later message of the same
 * destination
 * @param wrongClient deliveries addressed to someone else
 * @param continuityLost {@code continuity-lost} notices received
 * @param recoverySeconds the longest any message arrived after the fault's end, or after
 * it was due when that was later: how long until every client had everything again
 */
record Tally(long sent, long confirmed, long delivered, long lost, long duplicates, long duplicatesAfterDedupe,
		long reordered, long wrongClient, long continuityLost, double recoverySeconds) {

	/**
	 * Counts.
	 * @param producer the scenario's producer, finished
	 * @param clients its clients, each with the routing keys meant for it
	 * @param faultEndMillis when the fault ended (epoch ms)
	 * @return the figures
	 */
	static Tally of(ConfirmingProducer producer, Map<FaultClient, Set<String>> clients, long faultEndMillis) {
		long delivered = 0;
		long lost = 0;
		long duplicates = 0;
		long duplicatesAfterDedupe = 0;
		long reordered = 0;
		long wrongClient = 0;
		long continuityLost = 0;
		long slowest = 0;
		for (Map.Entry<FaultClient, Set<String>> entry : clients.entrySet()) {
			FaultClient client = entry.getKey();
			Set<String> mine = entry.getValue();
			List<FaultClient.Delivery> deliveries = client.deliveries();
			Set<Long> received = new HashSet<>();
			Set<String> ids = new HashSet<>();
			Map<String, Long> highest = new HashMap<>();
			for (FaultClient.Delivery delivery : deliveries) {
				if (!mine.contains(delivery.target())) {
					wrongClient++;
					continue;
				}
				boolean newId = ids.add(delivery.warrenId());
				if (!received.add(delivery.number())) {
					duplicates++;
					if (newId) {
						// The same message under another warren-id: deduplication cannot
						// catch it.
						duplicatesAfterDedupe++;
					}
					continue;
				}
				long before = highest.getOrDefault(delivery.destination(), 0L);
				if (delivery.number() < before) {
					reordered++;
				}
				highest.put(delivery.destination(), Math.max(before, delivery.number()));
				// A message due before the fault ended could not arrive before it did.
				slowest = Math.max(slowest,
						delivery.receivedAtMillis() - Math.max(delivery.dueAtMillis(), faultEndMillis));
			}
			delivered += received.size();
			for (Long n : producer.confirmed()) {
				if (mine.contains(producer.target(n)) && !received.contains(n)) {
					lost++;
				}
			}
			continuityLost += client.controls().stream().filter("continuity-lost"::equals).count();
		}
		return new Tally(producer.generated(), producer.confirmed().size(), delivered, lost, duplicates,
				duplicatesAfterDedupe, reordered, wrongClient, continuityLost, slowest / 1000.0);
	}

	/**
	 * Whether every client has every accepted message meant for it.
	 * @param producer the producer
	 * @param clients the clients and their routing keys
	 * @return true when nothing is missing (yet)
	 */
	static boolean complete(ConfirmingProducer producer, Map<FaultClient, Set<String>> clients) {
		for (Map.Entry<FaultClient, Set<String>> entry : clients.entrySet()) {
			Set<Long> received = new HashSet<>();
			for (FaultClient.Delivery delivery : entry.getKey().deliveries()) {
				received.add(delivery.number());
			}
			for (Long n : producer.confirmed()) {
				if (entry.getValue().contains(producer.target(n)) && !received.contains(n)) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * The figures as the JSON line's fields, in a stable order.
	 * @param scenario the scenario's name
	 * @return field name to value
	 */
	Map<String, Object> fields(String scenario) {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("scenario", scenario);
		fields.put("sent", this.sent);
		fields.put("confirmed", this.confirmed);
		fields.put("delivered", this.delivered);
		fields.put("lost", this.lost);
		fields.put("duplicates", this.duplicates);
		fields.put("duplicatesAfterDedupe", this.duplicatesAfterDedupe);
		fields.put("reordered", this.reordered);
		fields.put("wrongClient", this.wrongClient);
		fields.put("continuityLost", this.continuityLost);
		fields.put("recoverySeconds", this.recoverySeconds);
		return fields;
	}

}
