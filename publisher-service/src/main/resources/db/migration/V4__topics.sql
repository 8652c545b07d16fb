-- Portable SQL: runs unchanged on H2 (embedded mode) and MySQL/MariaDB.

-- The topic catalogue: what topics exist, what they are for, whether clients may publish
-- to them.
CREATE TABLE warren_topic (
	name VARCHAR(128) NOT NULL,
	description VARCHAR(500),
	-- public: any authenticated client may subscribe
	visibility VARCHAR(10) NOT NULL,
	client_publish BOOLEAN NOT NULL,
	created_at TIMESTAMP(6) NOT NULL,
	updated_at TIMESTAMP(6) NOT NULL,
	PRIMARY KEY (name)
);
