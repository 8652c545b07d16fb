package dev.warren.socket.hub;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts messages written to sessions in {@code warren.socket.messages.delivered}: one
 * per session and message, every way in together.
 */
public final class DeliveredCounter {

	private final Counter delivered;

	public DeliveredCounter(MeterRegistry meters) {
		this.delivered = Counter.builder("warren.socket.messages.delivered")
			.description("MESSAGE frames written to local sessions")
			.register(meters);
	}

	/**
	 * Counts written messages.
	 * @param frames how many
	 */
	public void increment(int frames) {
		this.delivered.increment(frames);
	}

}
