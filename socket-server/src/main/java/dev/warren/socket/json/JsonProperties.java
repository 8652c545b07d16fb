package dev.warren.socket.json;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The plain-JSON protocol on the Netty edge, bound from {@code warren.socket.json.*}: one
 * JSON object per WebSocket text frame, for clients without a STOMP library.
 *
 * @param enabled whether the edge serves it
 * @param path the WebSocket path on the edge's port
 * @param pingInterval how often the server sends a WebSocket ping; a client from which
 * nothing (not even a pong) arrives for two intervals is closed
 */
@Validated
@ConfigurationProperties("warren.socket.json")
public record JsonProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("/ws/json") @Pattern(regexp = "/[A-Za-z0-9_./-]*") String path,
		@DefaultValue("20s") @NotNull Duration pingInterval) {
}
