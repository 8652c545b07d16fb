-- Portable SQL: runs unchanged on H2 (embedded mode) and MySQL/MariaDB.

-- The members of private topics: the only clients that may subscribe to them.
CREATE TABLE warren_topic_member (
	topic_name VARCHAR(128) NOT NULL,
	client_id VARCHAR(128) NOT NULL,
	PRIMARY KEY (topic_name, client_id),
	CONSTRAINT fk_warren_topic_member_topic FOREIGN KEY (topic_name) REFERENCES warren_topic (name) ON DELETE CASCADE
);

-- The version of a topic's access rule as last announced to the nodes; 0 for a topic only
-- seen on the ingest path, which has the default rule (public, no client publishing).
ALTER TABLE warren_topic ADD rule_version BIGINT NOT NULL DEFAULT 0;

-- One counter for every rule change of every publisher-service instance: nodes keep the
-- highest version of each topic's rule, so announcements that arrive late or out of order
-- never undo a newer one.
CREATE TABLE warren_topic_rule_clock (
	id INT NOT NULL,
	version BIGINT NOT NULL,
	PRIMARY KEY (id)
);
INSERT INTO warren_topic_rule_clock (id, version) VALUES (1, 0);
