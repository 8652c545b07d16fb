package dev.warren.publisher.security;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DefaultOAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;

import dev.warren.publisher.web.DatabaseUnavailable;

/**
 * Turns a bearer token into its scopes: the admin token has every scope, an API key those
 * it was created with ({@code admin} implies the others). Keys are looked up on every
 * request, so a revoked key is refused at once on every instance.
 */
final class BearerIntrospector implements OpaqueTokenIntrospector {

	private final AdminToken admin;

	private final ApiKeyService keys;

	BearerIntrospector(AdminToken admin, ApiKeyService keys) {
		this.admin = admin;
		this.keys = keys;
	}

	@Override
	public OAuth2AuthenticatedPrincipal introspect(String token) {
		if (this.admin.matches(token)) {
			return principal("admin", EnumSet.allOf(Scope.class));
		}
		ApiKey key;
		try {
			key = this.keys.find(token)
				.orElseThrow(() -> new BadOpaqueTokenException("not the admin token nor a current API key"));
		}
		catch (RuntimeException ex) {
			if (DatabaseUnavailable.causes(ex)) {
				// Neither valid nor invalid: answered 503 (ProblemResponses), not 401.
				throw new OAuth2IntrospectionException("the API keys cannot be read", ex);
			}
			throw ex;
		}
		Set<Scope> scopes = key.getScopes().contains(Scope.ADMIN) ? EnumSet.allOf(Scope.class) : key.getScopes();
		return principal("api-key:" + key.getId(), scopes);
	}

	private static OAuth2AuthenticatedPrincipal principal(String name, Set<Scope> scopes) {
		return new DefaultOAuth2AuthenticatedPrincipal(name,
				Map.of("scope", scopes.stream().map(Scope::value).collect(Collectors.joining(" "))),
				scopes.stream()
					.<GrantedAuthority>map((scope) -> new SimpleGrantedAuthority(scope.authority()))
					.toList());
	}

}
