-- Portable SQL: runs unchanged on H2 (embedded mode) and MySQL/MariaDB.

-- The Fernet key of each client with encryption on, sealed (itself a Fernet token) with the
-- master key from the environment: the database alone never reveals a key. A NULL
-- sealed_key is encryption turned off; the row stays so that every publisher-service
-- instance reads the change (updated_at) and stops using the key.
CREATE TABLE warren_client_key (
	client_id VARCHAR(128) NOT NULL,
	sealed_key VARCHAR(255),
	updated_at TIMESTAMP(6) NOT NULL,
	PRIMARY KEY (client_id)
);

CREATE INDEX ix_warren_client_key_updated ON warren_client_key (updated_at);
