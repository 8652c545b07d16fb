package dev.warren.publisher.encryption;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Encryption was asked for, but this publisher-service has no master key to keep client
 * keys with: answered 409.
 */
public class EncryptionOffException extends ErrorResponseException {

	/**
	 * Creates the exception.
	 */
	public EncryptionOffException() {
		super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				"Encryption is off on this server: set WARREN_ENCRYPTION_MASTER_KEY (warren.encryption.master-key)."),
				null);
	}

}
