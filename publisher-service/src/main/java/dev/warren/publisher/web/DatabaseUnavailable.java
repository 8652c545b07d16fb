package dev.warren.publisher.web;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;

import org.hibernate.exception.JDBCConnectionException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure of the database connection (unreachable, reset, no connection within
 * the pool's timeout) from any other failure: the first is answered 503 with
 * {@code Retry-After}, since retrying later will work.
 */
public final class DatabaseUnavailable {

	/** What {@code Retry-After} says. */
	public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	/** The problem's detail: no driver message, which can name hosts and users. */
	public static final String DETAIL = "The database is unreachable; retry later.";

	private DatabaseUnavailable() {
	}

	/**
	 * Whether the failure, or one of its causes, is the database connection's.
	 * @param failure what was thrown
	 * @return whether it is
	 */
	public static boolean causes(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof TransientDataAccessException || cause instanceof SQLTransientConnectionException
					|| cause instanceof SQLNonTransientConnectionException || cause instanceof SQLRecoverableException
					|| cause instanceof JDBCConnectionException) {
				return true;
			}
		}
		return false;
	}

}
