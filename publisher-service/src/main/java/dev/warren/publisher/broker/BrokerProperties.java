package dev.warren.publisher.broker;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.warren.common.EmbeddedModeEnvironmentPostProcessor;

/**
 * The embedded broker, bound from {@code warren.broker.*} ({@code WARREN_BROKER_PORT}
 * sets the port); used only when {@code warren.embedded=true}.
 *
 * @param port TCP port the embedded AMQP 0-9-1 broker listens on, on 127.0.0.1 only
 */
@Validated
@ConfigurationProperties("warren.broker")
record BrokerProperties(
		@DefaultValue("" + EmbeddedModeEnvironmentPostProcessor.DEFAULT_BROKER_PORT) @Min(1) @Max(65535) int port) {
}
