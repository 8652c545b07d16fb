package dev.warren.publisher.channel;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import dev.warren.publisher.ingest.ChannelStatus;

/**
 * A rabbit channel as the API shows it, with its consumer's live state.
 *
 * @param name the channel's name
 * @param queue the queue it consumes
 * @param exchange the exchange the queue is bound to
 * @param bindingKey the binding key
 * @param createdAt when it was created
 * @param state {@code starting}, {@code consuming}, {@code recovering} or {@code stopped}
 * @param lastFailure why it last failed, if it did since it last consumed
 * @param stateSince when the state last changed
 * @param inFlight republishes awaiting the broker's confirm
 */
record RabbitChannelView(String name, String queue, String exchange, String bindingKey, Instant createdAt, String state,
		@Nullable String lastFailure, Instant stateSince, int inFlight) {

	static RabbitChannelView of(RabbitChannel channel, ChannelStatus status) {
		return new RabbitChannelView(channel.getName(), channel.getQueue(), channel.getExchange(),
				channel.getBindingKey(), channel.getCreatedAt(), status.state(), status.lastFailure(), status.since(),
				status.inFlight());
	}

}
