package dev.warren.publisher.monitoring;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The monitoring tables over HTTP (admin): newest first, paged, filtered by time and
 * node.
 */
@RestController
class MonitoringController {

	private final JdbcTemplate jdbc;

	MonitoringController(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Performance samples.
	 * @param node only this node's, when given
	 * @param from only periods starting at or after this instant
	 * @param to only periods starting before this instant
	 * @param page the page, from 0
	 * @param size its size
	 * @return the page
	 */
	@GetMapping("/v1/monitoring/performance")
	Map<String, Object> performance(@RequestParam(required = false) String node,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		Filter filter = new Filter("period_start", node, from, to);
		List<Map<String, Object>> items = this.jdbc.query(
				"SELECT node_id, period_start, period_seconds, connections, subscriptions, messages_in, messages_out,"
						+ " dropped, p99_latency_ms FROM warren_performance_sample" + filter.where()
						+ " ORDER BY period_start DESC, node_id LIMIT ? OFFSET ?",
				(rs, row) -> {
					Map<String, Object> item = new LinkedHashMap<>();
					item.put("node", rs.getString(1));
					item.put("periodStart", rs.getTimestamp(2).toInstant());
					item.put("periodSeconds", rs.getInt(3));
					item.put("connections", rs.getInt(4));
					item.put("subscriptions", rs.getInt(5));
					item.put("messagesIn", rs.getLong(6));
					item.put("messagesOut", rs.getLong(7));
					item.put("dropped", rs.getLong(8));
					double p99 = rs.getDouble(9);
					item.put("p99LatencyMs", rs.wasNull() ? null : p99);
					return item;
				}, filter.arguments(size, (long) page * size));
		return page(items, page, size, count("warren_performance_sample", filter));
	}

	/**
	 * Warnings.
	 * @param node only this node's ({@code publisher-service} for its own), when given
	 * @param from only warnings at or after this instant
	 * @param to only warnings before this instant
	 * @param page the page, from 0
	 * @param size its size
	 * @return the page
	 */
	@GetMapping("/v1/monitoring/warnings")
	Map<String, Object> warnings(@RequestParam(required = false) String node,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
			@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
			@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		Filter filter = new Filter("occurred_at", node, from, to);
		List<Map<String, Object>> items = this.jdbc
			.query("SELECT occurred_at, node_id, client_id, kind, detail FROM warren_warning" + filter.where()
					+ " ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?", (rs, row) -> {
						Map<String, Object> item = new LinkedHashMap<>();
						item.put("occurredAt", rs.getTimestamp(1).toInstant());
						item.put("node", rs.getString(2));
						item.put("clientId", rs.getString(3));
						item.put("kind", rs.getString(4));
						item.put("detail", rs.getString(5));
						return item;
					}, filter.arguments(size, (long) page * size));
		return page(items, page, size, count("warren_warning", filter));
	}

	private long count(String table, Filter filter) {
		Long total = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table + filter.where(), Long.class,
				filter.arguments());
		return (total != null) ? total : 0;
	}

	private static Map<String, Object> page(List<Map<String, Object>> items, int page, int size, long total) {
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("items", items);
		answer.put("page", page);
		answer.put("size", size);
		answer.put("total", total);
		return answer;
	}

	/** The WHERE clause of the filters given, with bind parameters only. */
	private record Filter(String timeColumn, String node, Instant from, Instant to) {

		String where() {
			List<String> conditions = new ArrayList<>();
			if (this.node != null) {
				conditions.add("node_id = ?");
			}
			if (this.from != null) {
				conditions.add(this.timeColumn + " >= ?");
			}
			if (this.to != null) {
				conditions.add(this.timeColumn + " < ?");
			}
			return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
		}

		Object[] arguments(Object... more) {
			List<Object> arguments = new ArrayList<>();
			if (this.node != null) {
				arguments.add(this.node);
			}
			if (this.from != null) {
				arguments.add(Timestamp.from(this.from));
			}
			if (this.to != null) {
				arguments.add(Timestamp.from(this.to));
			}
			arguments.addAll(List.of(more));
			return arguments.toArray();
		}

	}

}
