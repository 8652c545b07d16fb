package dev.warren.publisher.monitoring;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The monitoring tables, bound from {@code warren.monitoring.*}.
 *
 * @param retention how long samples and warnings are kept
 * @param sampleInterval the period of one performance sample per node
 */
@Validated
@ConfigurationProperties("warren.monitoring")
record MonitoringProperties(@DefaultValue("7d") @NotNull Duration retention,
		@DefaultValue("1m") @NotNull Duration sampleInterval) {
}
