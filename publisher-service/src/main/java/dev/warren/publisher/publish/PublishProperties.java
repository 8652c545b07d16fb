package dev.warren.publisher.publish;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTP publish API, bound from {@code warren.publish.*}.
 *
 * @param maxBodySize the largest message body accepted; larger ones get 413
 * @param idempotencyWindow how long an {@code Idempotency-Key} is remembered: the same
 * key within it publishes once and answers the first answer again
 */
@Validated
@ConfigurationProperties("warren.publish")
public record PublishProperties(@DefaultValue("64KB") @NotNull DataSize maxBodySize,
		@DefaultValue("5m") @NotNull Duration idempotencyWindow) {
}
