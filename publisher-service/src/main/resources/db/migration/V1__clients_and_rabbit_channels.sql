-- Portable SQL: runs unchanged on H2 (embedded mode) and MySQL/MariaDB.

CREATE TABLE warren_client (
	id BIGINT AUTO_INCREMENT NOT NULL,
	client_id VARCHAR(128) NOT NULL,
	name VARCHAR(100) NOT NULL,
	-- stored lower-cased: the unique index makes emails unique case-insensitively everywhere
	email VARCHAR(254) NOT NULL,
	password_hash VARCHAR(100) NOT NULL,
	created_at TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL,
	PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ux_warren_client_client_id ON warren_client (client_id);

CREATE UNIQUE INDEX ux_warren_client_email ON warren_client (email);

CREATE TABLE warren_rabbit_channel (
	name VARCHAR(128) NOT NULL,
	queue_name VARCHAR(255) NOT NULL,
	exchange_name VARCHAR(255) NOT NULL,
	binding_key VARCHAR(255) NOT NULL,
	created_at TIMESTAMP(6) DEFAULT CURRENT_TIMESTAMP(6) NOT NULL,
	PRIMARY KEY (name)
);
