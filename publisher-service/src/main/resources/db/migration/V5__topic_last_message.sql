-- Portable SQL: runs unchanged on H2 (embedded mode) and MySQL/MariaDB.

-- When a message for the topic last went through ingest, written every few seconds by each
-- publisher-service instance (the latest time wins).
ALTER TABLE warren_topic ADD last_message_at TIMESTAMP(6);
