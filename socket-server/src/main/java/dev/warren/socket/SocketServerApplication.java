package dev.warren.socket;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenHistoryProperties;
import dev.warren.common.token.WarrenJwtProperties;
import dev.warren.common.web.ProblemErrors;

/**
 * The edge of Warren: holds STOMP-over-WebSocket sessions and feeds them from this node's
 * own queue, bound to {@code warren.deliveries} by the interests of its sessions.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties({ WarrenAmqpProperties.class, WarrenJwtProperties.class, WarrenHistoryProperties.class })
@Import(ProblemErrors.class)
public class SocketServerApplication {

	public static void main(String[] args) {
		SpringApplication.run(SocketServerApplication.class, args);
	}

}
