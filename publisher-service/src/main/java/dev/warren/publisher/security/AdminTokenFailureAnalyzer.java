package dev.warren.publisher.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a missing or short admin token as a configuration problem rather than a stack
 * trace.
 */
class AdminTokenFailureAnalyzer extends AbstractFailureAnalyzer<AdminTokenException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AdminTokenException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set WARREN_ADMIN_TOKEN to a random string of at least 32 characters (openssl rand -base64 32), "
						+ "kept as a secret: it is the bearer token of the admin API.",
				cause);
	}

}
