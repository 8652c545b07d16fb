package dev.warren.publisher.monitoring;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RestController;

/**
 * The monitoring tables over HTTP (admin): newest first, paged, filtered by time and node
 * ({@link MonitoringQuery}).
 */
@RestController
class MonitoringController {

	private final JdbcTemplate jdbc;

	MonitoringController(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Performance samples, by the start of their period.
	 * @param query node, time range and page
	 * @return the page
	 */
	@GetMapping("/v1/monitoring/performance")
	Map<String, Object> performance(@Valid @ModelAttribute MonitoringQuery query) {
		return page(
				"SELECT node_id, period_start, period_seconds, connections, subscriptions, messages_in,"
						+ " messages_out, dropped, p99_latency_ms",
				"warren_performance_sample", "period_start", "node_id", query, (rs, row) -> {
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
				});
	}

	/**
	 * Warnings, by when they happened.
	 * @param query node ({@code publisher-service} for its own), time range and page
	 * @return the page
	 */
	@GetMapping("/v1/monitoring/warnings")
	Map<String, Object> warnings(@Valid @ModelAttribute MonitoringQuery query) {
		return page("SELECT occurred_at, node_id, client_id, kind, detail", "warren_warning", "occurred_at", "id DESC",
				query, (rs, row) -> {
					Map<String, Object> item = new LinkedHashMap<>();
					item.put("occurredAt", rs.getTimestamp(1).toInstant());
					item.put("node", rs.getString(2));
					item.put("clientId", rs.getString(3));
					item.put("kind", rs.getString(4));
					item.put("detail", rs.getString(5));
					return item;
				});
	}

	/**
	 * One page of a table, newest {@code timeColumn} first, and how many rows match.
	 * @param select the SELECT list
	 * @param table the table
	 * @param timeColumn what {@code from} and {@code to} apply to
	 * @param tieBreak the order among rows of the same time
	 */
	private Map<String, Object> page(String select, String table, String timeColumn, String tieBreak,
			MonitoringQuery query, RowMapper<Map<String, Object>> row) {
		int page = query.pageOrDefault();
		int size = query.sizeOrDefault();
		String where = query.where(timeColumn);
		List<Map<String, Object>> items = this.jdbc.query(select + " FROM " + table + where + " ORDER BY " + timeColumn
				+ " DESC, " + tieBreak + " LIMIT ? OFFSET ?", row, query.arguments(size, (long) page * size));
		Long total = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table + where, Long.class, query.arguments());
		Map<String, Object> answer = new LinkedHashMap<>();
		answer.put("items", items);
		answer.put("page", page);
		answer.put("size", size);
		answer.put("total", (total != null) ? total : 0);
		return answer;
	}

}
