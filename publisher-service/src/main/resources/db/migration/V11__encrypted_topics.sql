-- Portable SQL: runs unchanged on H2 (embedded mode) and MySQL/MariaDB.

-- A private topic whose messages leave publisher-service as one Fernet token per member.
ALTER TABLE warren_topic ADD COLUMN encrypted BOOLEAN DEFAULT FALSE NOT NULL;
