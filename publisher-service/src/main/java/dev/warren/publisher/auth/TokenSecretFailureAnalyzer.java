package dev.warren.publisher.auth;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a missing or short token secret as a configuration problem rather than a stack
 * trace.
 */
class TokenSecretFailureAnalyzer extends AbstractFailureAnalyzer<TokenSecretException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TokenSecretException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set WARREN_JWT_SECRET to a random string of at least 32 bytes, the same on every Warren service.",
				cause);
	}

}
