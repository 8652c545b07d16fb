package dev.warren.common.token;

/**
 * Verifies a client's token: signature, algorithm and expiry.
 */
public interface TokenVerifier {

	/**
	 * Verifies {@code token}.
	 * @param token the compact JWT
	 * @return the verified claims Warren uses
	 * @throws InvalidTokenException when the token is missing, forged, malformed or
	 * expired
	 */
	VerifiedToken verify(String token);

}
