package dev.warren.publisher.client;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Client registration settings, bound from {@code warren.publisher.*}.
 *
 * @param socketUrl WebSocket URL handed to clients in registration and login answers (by
 * default a local socket node's Netty edge)
 * @param socketUrlStrategy {@code fixed}: always {@code socketUrl} (a load balancer in
 * front of the nodes); {@code least-loaded}: the announced URL of the live node with the
 * fewest connections, {@code socketUrl} when none announces one
 * @param passwordStrength BCrypt log2 rounds for new password hashes (4 to 31; each step
 * doubles the cost of a registration and a login)
 * @param refreshTokenTtl how long a refresh token stays valid; each refresh answers a new
 * one valid this long from then
 */
@Validated
@ConfigurationProperties("warren.publisher")
record ClientProperties(@DefaultValue("ws://localhost:8091/ws") @NotBlank String socketUrl,
		@DefaultValue("fixed") SocketUrlStrategy socketUrlStrategy,
		@DefaultValue("10") @Min(4) @Max(31) int passwordStrength,
		@DefaultValue("30d") @NotNull Duration refreshTokenTtl) {
}
