package dev.warren.publisher.monitoring;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The query parameters both monitoring tables take, bound from the request.
 *
 * @param node only this node's rows, when given
 * @param from only rows at or after this instant, when given
 * @param to only rows before this instant, when given
 * @param page the page, from 0 (default 0)
 * @param size its size, 1 to 500 (default 50)
 */
record MonitoringQuery(String node, @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
		@DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to, @Min(0) Integer page,
		@Min(1) @Max(500) Integer size) {

	int pageOrDefault() {
		return (this.page != null) ? this.page : 0;
	}

	int sizeOrDefault() {
		return (this.size != null) ? this.size : 50;
	}

	/**
	 * The WHERE clause of the filters given, on {@code timeColumn}, with bind parameters
	 * only.
	 */
	String where(String timeColumn) {
		List<String> conditions = new ArrayList<>();
		if (this.node != null) {
			conditions.add("node_id = ?");
		}
		if (this.from != null) {
			conditions.add(timeColumn + " >= ?");
		}
		if (this.to != null) {
			conditions.add(timeColumn + " < ?");
		}
		return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
	}

	/** The values of {@link #where}'s parameters, then {@code more}. */
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
