package dev.warren.publisher.security;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The bootstrap admin credential, bound from {@code warren.admin.*}
 * ({@code WARREN_ADMIN_TOKEN} sets the token).
 *
 * @param token bearer token with every scope, at least 32 characters; required outside
 * the embedded mode
 * @param tokenFile where the embedded mode keeps a generated token when none is given
 * ({@code ./warren} prints it)
 */
@ConfigurationProperties("warren.admin")
public record AdminProperties(String token, @DefaultValue("./data/admin-token") Path tokenFile) {

	@Override
	public String toString() {
		return "AdminProperties[token=" + ((this.token != null) ? "******" : "null") + ", tokenFile=" + this.tokenFile
				+ "]";
	}

}
