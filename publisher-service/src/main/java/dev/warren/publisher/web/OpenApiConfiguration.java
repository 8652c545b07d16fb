package dev.warren.publisher.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description served at {@code /v3/api-docs} and {@code /swagger-ui.html}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI warrenOpenApi() {
		return new OpenAPI().info(new Info().title("Warren publisher-service")
			.description("Registers clients, issues tokens and manages the rabbit channels Warren consumes.")
			.version("v1"));
	}

}
