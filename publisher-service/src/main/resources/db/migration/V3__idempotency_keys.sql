-- Portable SQL: runs unchanged on H2 (embedded mode) and MySQL/MariaDB.

-- Idempotency-Key of the HTTP publish API: the first request with a key (per credential)
-- publishes and records the message id; a repeat within the window answers that id again,
-- on whichever publisher-service instance it reaches.
CREATE TABLE warren_idempotency_key (
	owner VARCHAR(100) NOT NULL,
	idem_key VARCHAR(255) NOT NULL,
	-- SHA-256 of what was published: the same key for another request is refused
	fingerprint VARCHAR(64) NOT NULL,
	message_id VARCHAR(64) NOT NULL,
	created_at TIMESTAMP(6) NOT NULL,
	PRIMARY KEY (owner, idem_key)
);

CREATE INDEX ix_warren_idempotency_key_created_at ON warren_idempotency_key (created_at);
