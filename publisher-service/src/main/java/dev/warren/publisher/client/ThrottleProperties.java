package dev.warren.publisher.client;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of registration and login, bound from {@code warren.throttle.*}. Kept per
 * publisher-service instance.
 *
 * @param perAddress requests to registration and login from one source address per window
 * @param perAccount failed logins or registrations of one email per window (an unknown
 * email counts like a wrong password)
 * @param window the window both limits refill over
 */
@Validated
@ConfigurationProperties("warren.throttle")
record ThrottleProperties(@DefaultValue("120") @Min(1) int perAddress, @DefaultValue("10") @Min(1) int perAccount,
		@DefaultValue("1m") @NotNull Duration window) {
}
