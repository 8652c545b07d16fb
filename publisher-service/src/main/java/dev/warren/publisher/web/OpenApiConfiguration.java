package dev.warren.publisher.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.warren.publisher.security.SecurityConfiguration;

/**
 * The OpenAPI description served at {@code /v3/api-docs} and {@code /swagger-ui.html}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	@Bean
	OpenAPI warrenOpenApi() {
		return new OpenAPI()
			.info(new Info().title("Warren publisher-service")
				.description("Registers clients, issues tokens and manages the rabbit channels Warren consumes.")
				.version("v1"))
			.components(new Components().addSecuritySchemes(SecurityConfiguration.BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("WARREN_ADMIN_TOKEN, or an API key from POST /v1/api-keys (wk_…); "
								+ "the operation names the scope it needs")));
	}

}
