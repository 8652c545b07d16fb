-- Portable SQL: runs unchanged on H2 (embedded mode) and MySQL/MariaDB.

-- Refresh tokens of clients, by the SHA-256 of the token: the token itself is only ever in
-- the answer that hands it out. One login starts a family; each refresh marks its token used
-- and adds the next one to the family. A used token that comes back revokes the family.
CREATE TABLE warren_refresh_token (
	token_hash VARCHAR(64) NOT NULL,
	family_id VARCHAR(36) NOT NULL,
	client_id VARCHAR(128) NOT NULL,
	created_at TIMESTAMP(6) NOT NULL,
	expires_at TIMESTAMP(6) NOT NULL,
	used_at TIMESTAMP(6) NULL,
	revoked_at TIMESTAMP(6) NULL,
	PRIMARY KEY (token_hash)
);

CREATE INDEX ix_warren_refresh_token_family ON warren_refresh_token (family_id);
CREATE INDEX ix_warren_refresh_token_expires ON warren_refresh_token (expires_at);
