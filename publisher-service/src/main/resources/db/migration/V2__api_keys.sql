-- Portable SQL: runs unchanged on H2 (embedded mode) and MySQL/MariaDB.

-- Producer and operator credentials. Only a SHA-256 of each key is kept: the key itself is
-- shown once, when it is created. Deleting the row revokes the key at once on every
-- publisher-service instance, as each request looks its key up here.
CREATE TABLE warren_api_key (
	id VARCHAR(36) NOT NULL,
	name VARCHAR(100) NOT NULL,
	-- space-separated: publish, topics:write, admin
	scopes VARCHAR(100) NOT NULL,
	key_hash VARCHAR(64) NOT NULL,
	-- the key's first characters, so an operator can tell keys apart in a list
	key_prefix VARCHAR(16) NOT NULL,
	created_at TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL,
	PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ux_warren_api_key_hash ON warren_api_key (key_hash);
