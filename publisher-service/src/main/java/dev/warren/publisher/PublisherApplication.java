package dev.warren.publisher;

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
 * Warren's publisher-service: the HTTP API, the database, and the ingest side that stamps
 * messages from rabbit channels and republishes them to the deliveries exchange.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties({ WarrenAmqpProperties.class, WarrenJwtProperties.class, WarrenHistoryProperties.class })
@Import(ProblemErrors.class)
public class PublisherApplication {

	public static void main(String[] args) {
		SpringApplication.run(PublisherApplication.class, args);
	}

}
