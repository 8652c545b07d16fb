package dev.warren.e2e;

import java.util.HashMap;
import java.util.Map;

import dev.warren.testsupport.RealServices;

/**
 * The environment of Warren's services in the external mode, on the real RabbitMQ and
 * database of this run.
 */
final class ExternalMode {

	private ExternalMode() {
	}

	/**
	 * A socket-server node's environment.
	 * @param jwtSecret the token secret every service shares
	 * @return the variables
	 */
	static Map<String, String> node(String jwtSecret) {
		Map<String, String> env = new HashMap<>(RealServices.rabbitEnvironment());
		env.put("WARREN_JWT_SECRET", jwtSecret);
		return env;
	}

	/**
	 * publisher-service's environment.
	 * @param jwtSecret the token secret every service shares
	 * @param adminToken its admin token
	 * @return the variables, to which a caller may add
	 */
	static Map<String, String> publisher(String jwtSecret, String adminToken) {
		Map<String, String> env = node(jwtSecret);
		env.putAll(RealServices.databaseEnvironment());
		env.put("WARREN_ADMIN_TOKEN", adminToken);
		env.put("WARREN_ENCRYPTION_MASTER_KEY", "e2e-encryption-master-key-of-more-than-32-characters");
		return env;
	}

}
