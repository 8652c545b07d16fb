package dev.warren.publisher.security;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationEntryPointFailureHandler;

import dev.warren.common.EmbeddedModeEnvironmentPostProcessor;

/**
 * Who may call what. Open: {@code GET /}, registration and login, health and metrics, the
 * OpenAPI description, and the test mode's fake data. Publishing needs the
 * {@code publish} scope, the topic catalogue {@code topics:write}. Everything else —
 * rabbit channels, API keys, and whatever is added later — needs a bearer token with the
 * {@code admin} scope: the admin token, or an API key with it. Stateless: no session, no
 * cookie, so no CSRF to defend.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminProperties.class)
public class SecurityConfiguration {

	/** Name of the bearer scheme in the OpenAPI description. */
	public static final String BEARER = "bearer";

	@Bean
	AdminToken adminToken(AdminProperties properties,
			@Value("${" + EmbeddedModeEnvironmentPostProcessor.EMBEDDED_PROPERTY + ":false}") boolean embedded) {
		return AdminToken.resolve(properties, embedded);
	}

	@Bean
	BearerIntrospector bearerIntrospector(AdminToken admin, ApiKeyService keys) {
		return new BearerIntrospector(admin, keys);
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, BearerIntrospector introspector) throws Exception {
		ProblemResponses problems = new ProblemResponses();
		return http.csrf(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.formLogin(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable)
			.requestCache(AbstractHttpConfigurer::disable)
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, "/")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/v1/create-channel-client", "/v1/auth/token", "/v1/auth/refresh",
						"/v1/auth/revoke")
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/v1/publish-data-over-ch")
				.permitAll()
				.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/prometheus")
				.permitAll()
				.requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
				.permitAll()
				.requestMatchers("/error")
				.permitAll()
				.requestMatchers(HttpMethod.POST, "/v1/topics/*/messages", "/v1/clients/*/messages", "/v1/broadcast")
				.hasAuthority(Scope.PUBLISH.authority())
				.requestMatchers("/v1/topics", "/v1/topics/*", "/v1/topics/*/members", "/v1/topics/*/members/*")
				.hasAuthority(Scope.TOPICS_WRITE.authority())
				.anyRequest()
				.hasAuthority(Scope.ADMIN.authority()))
			.oauth2ResourceServer(
					(resourceServer) -> resourceServer.opaqueToken((opaque) -> opaque.introspector(introspector))
						.authenticationEntryPoint(problems)
						.accessDeniedHandler(problems)
						.withObjectPostProcessor(answeringServiceFailures(problems)))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.build();
	}

	/**
	 * An introspection that failed (the API keys could not be read) goes to the entry
	 * point, which answers 503, instead of being rethrown into a bare 500.
	 */
	private static ObjectPostProcessor<BearerTokenAuthenticationFilter> answeringServiceFailures(
			ProblemResponses problems) {
		return new ObjectPostProcessor<>() {

			@Override
			public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
				AuthenticationEntryPointFailureHandler failures = new AuthenticationEntryPointFailureHandler(problems);
				failures.setRethrowAuthenticationServiceException(false);
				filter.setAuthenticationFailureHandler(failures);
				return filter;
			}

		};
	}

}
