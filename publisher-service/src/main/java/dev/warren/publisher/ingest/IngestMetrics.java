package dev.warren.publisher.ingest;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * The ingest counters, registered at zero on start-up so dashboards show them before the
 * first message.
 */
@Component
class IngestMetrics {

	private final Counter republished;

	private final Counter requeued;

	private final Map<DeadLetterReason, Counter> deadLettered = new EnumMap<>(DeadLetterReason.class);

	IngestMetrics(MeterRegistry registry) {
		this.republished = Counter.builder("warren.ingest.messages")
			.description("Ingest messages republished to the deliveries exchange and confirmed")
			.register(registry);
		this.requeued = Counter.builder("warren.ingest.requeued")
			.description("Ingest messages handed back to their queue because a republish was not confirmed")
			.register(registry);
		for (DeadLetterReason reason : DeadLetterReason.values()) {
			this.deadLettered.put(reason,
					Counter.builder("warren.ingest.dead.lettered")
						.description("Ingest messages rejected as invalid and moved to the dead-letter queue")
						.tag("reason", reason.tag())
						.register(registry));
		}
	}

	Counter republished() {
		return this.republished;
	}

	Counter requeued() {
		return this.requeued;
	}

	Counter deadLettered(DeadLetterReason reason) {
		return this.deadLettered.get(reason);
	}

}
