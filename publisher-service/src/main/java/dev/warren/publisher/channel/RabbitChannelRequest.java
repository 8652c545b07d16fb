package dev.warren.publisher.channel;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import dev.warren.publisher.web.ValidChannelName;

/**
 * Body of {@code POST /v1/rabbit-channels}.
 *
 * @param name the channel's name, 1 to 128 characters of {@code [A-Za-z0-9_.-]}
 * @param queue the queue to consume; declared durable when missing
 * @param exchange the exchange to bind it to; the ingest exchange when absent
 * @param bindingKey the binding key; {@code #} (everything) when absent
 */
record RabbitChannelRequest(@NotBlank @ValidChannelName String name,
		@NotBlank @Size(max = 255) @Pattern(regexp = "^(?!amq\\.).*$",
				message = "must not start with 'amq.' (reserved by the broker)") String queue,
		@Size(max = 255) String exchange, @Size(max = 255) String bindingKey) {
}
