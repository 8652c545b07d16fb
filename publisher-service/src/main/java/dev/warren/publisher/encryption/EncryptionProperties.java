package dev.warren.publisher.encryption;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payload encryption, bound from {@code warren.encryption.*}.
 *
 * @param masterKey the secret client keys are encrypted with at rest
 * ({@code WARREN_ENCRYPTION_MASTER_KEY}, at least 32 characters); without it, and outside
 * the embedded mode, encryption is off
 * @param masterKeyFile where the embedded mode keeps a generated master key when none is
 * given
 * @param refreshInterval how often each publisher-service instance reads the keys other
 * instances created or rotated
 */
@ConfigurationProperties("warren.encryption")
public record EncryptionProperties(String masterKey, @DefaultValue("./data/encryption-master-key") Path masterKeyFile,
		@DefaultValue("5s") Duration refreshInterval) {

	@Override
	public String toString() {
		return "EncryptionProperties[masterKey=" + ((this.masterKey != null) ? "******" : "null") + ", masterKeyFile="
				+ this.masterKeyFile + ", refreshInterval=" + this.refreshInterval + "]";
	}

}
