package dev.warren.common.token;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Token settings, bound from {@code warren.jwt.*} ({@code WARREN_JWT_SECRET} sets the
 * secret).
 *
 * @param secret HMAC key shared by publisher-service and every socket-server node, at
 * least 32 bytes; required outside the embedded mode
 * @param ttl how long an issued token stays valid
 * @param secretFile where the embedded mode keeps a generated secret when none is given,
 * so that both services started from the same directory agree on it
 */
@ConfigurationProperties("warren.jwt")
public record WarrenJwtProperties(String secret, @DefaultValue("1h") Duration ttl,
		@DefaultValue("./data/jwt-secret") Path secretFile) {

	@Override
	public String toString() {
		return "WarrenJwtProperties[secret=" + ((this.secret != null) ? "******" : "null") + ", ttl=" + this.ttl
				+ ", secretFile=" + this.secretFile + "]";
	}

}
