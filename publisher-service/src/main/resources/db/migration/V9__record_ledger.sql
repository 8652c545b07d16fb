-- Portable SQL: runs unchanged on H2 (embedded mode) and MySQL/MariaDB.

-- The record ledger: the latest operation on every record, per scope (the delivery routing
-- key: client.<id>, topic.<name> or broadcast), written from the records queue in delivery
-- order. A delete stays as a tombstone, so that it still hides an older upsert of the same
-- key in another scope a client also receives.
CREATE TABLE warren_record (
	scope VARCHAR(140) NOT NULL,
	collection VARCHAR(128) NOT NULL,
	record_key VARCHAR(255) NOT NULL,
	seq BIGINT NOT NULL,
	deleted BOOLEAN NOT NULL,
	body_sha256 CHAR(64),
	PRIMARY KEY (scope, collection, record_key)
);

-- The latest clear of a collection per scope: it hides every older record of the collection
-- in every scope a client receives.
CREATE TABLE warren_record_clear (
	scope VARCHAR(140) NOT NULL,
	collection VARCHAR(128) NOT NULL,
	seq BIGINT NOT NULL,
	PRIMARY KEY (scope, collection)
);

-- The ledger's order: one counter, advanced once per batch of operations.
CREATE TABLE warren_record_clock (
	id INT NOT NULL,
	seq BIGINT NOT NULL,
	PRIMARY KEY (id)
);

INSERT INTO warren_record_clock (id, seq) VALUES (1, 0);
