package dev.warren.publisher;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.warren.testsupport.RealServices;

/**
 * Base of the integration tests against the real RabbitMQ and MariaDB on 127.0.0.1. All
 * subclasses share one configuration, so they share one application context, and with it
 * one set of consumers on this run's queues.
 */
// Performance samples of 2 s instead of a minute, so a test sees periods close.
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "warren.test-mode=true", "warren.monitoring.sample-interval=2s" })
@AutoConfigureTestRestTemplate
public abstract class IntegrationTestSupport {

	/** A test secret of more than 32 bytes. */
	public static final String JWT_SECRET = "integration-test-secret-of-more-than-32-bytes";

	/** The bootstrap admin token of the tests. */
	public static final String ADMIN_TOKEN = "integration-test-admin-token-of-32-chars-or-more";

	/** The master key client keys are sealed with in the tests. */
	public static final String ENCRYPTION_MASTER_KEY = "integration-test-encryption-master-key-of-32-chars";

	/** Sends the admin token with every request. */
	@Autowired
	protected TestRestTemplate http;

	@BeforeEach
	void authenticateAsAdmin() {
		AdminBearer.authenticate(this.http, ADMIN_TOKEN);
	}

	@DynamicPropertySource
	static void props(DynamicPropertyRegistry registry) {
		RealServices.registerRabbit(registry);
		RealServices.registerDatabase(registry);
		registry.add("warren.jwt.secret", () -> JWT_SECRET);
		registry.add("warren.admin.token", () -> ADMIN_TOKEN);
		registry.add("warren.encryption.master-key", () -> ENCRYPTION_MASTER_KEY);
		registry.add("warren.ingest.recovery-interval", () -> "1s");
	}

}
