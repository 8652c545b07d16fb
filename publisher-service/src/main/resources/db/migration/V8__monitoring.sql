-- Portable SQL: runs unchanged on H2 (embedded mode) and MySQL/MariaDB.

-- Per socket node and period (warren.monitoring.sample-interval, a minute by default), from
-- the node's announcements: its gauges at the period's last announcement, its counters'
-- growth over the period, the highest delivery-latency p99 it reported in the period.
CREATE TABLE warren_performance_sample (
	node_id VARCHAR(128) NOT NULL,
	period_start TIMESTAMP(6) NOT NULL,
	period_seconds INT NOT NULL,
	connections INT NOT NULL,
	subscriptions INT NOT NULL,
	messages_in BIGINT NOT NULL,
	messages_out BIGINT NOT NULL,
	dropped BIGINT NOT NULL,
	p99_latency_ms DOUBLE,
	PRIMARY KEY (node_id, period_start)
);

CREATE INDEX ix_warren_performance_sample_start ON warren_performance_sample (period_start);

-- What an operator should look at: slow-consumer closes, refused tokens and rate-limit hits
-- (reported by the nodes), dead-letters (publisher-service's own).
CREATE TABLE warren_warning (
	id BIGINT AUTO_INCREMENT NOT NULL,
	occurred_at TIMESTAMP(6) NOT NULL,
	node_id VARCHAR(128) NOT NULL,
	client_id VARCHAR(128),
	kind VARCHAR(32) NOT NULL,
	detail VARCHAR(500) NOT NULL,
	-- a node numbers its warnings: each publisher-service instance hears every node, and the
	-- unique index keeps one row of each; NULL for publisher-service's own
	node_seq BIGINT,
	PRIMARY KEY (id)
);

CREATE INDEX ix_warren_warning_occurred ON warren_warning (occurred_at);

CREATE UNIQUE INDEX ux_warren_warning_node_seq ON warren_warning (node_id, node_seq);
