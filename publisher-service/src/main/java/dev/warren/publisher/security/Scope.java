package dev.warren.publisher.security;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a credential may do. {@link #ADMIN} includes the others.
 */
public enum Scope {

	/** Publish messages over HTTP. */
	PUBLISH("publish"),

	/** Create, change and delete topics. */
	TOPICS_WRITE("topics:write"),

	/** Everything: rabbit channels, API keys, and every other scope. */
	ADMIN("admin");

	private final String value;

	Scope(String value) {
		this.value = value;
	}

	/**
	 * The scope's name in requests, answers and the database.
	 * @return the name, such as {@code topics:write}
	 */
	@JsonValue
	public String value() {
		return this.value;
	}

	/**
	 * The Spring Security authority the scope grants.
	 * @return {@code SCOPE_<value>}
	 */
	public String authority() {
		return "SCOPE_" + this.value;
	}

	/**
	 * Finds a scope by its name.
	 * @param value the name
	 * @return the scope, empty for an unknown name
	 */
	public static Optional<Scope> of(String value) {
		return Arrays.stream(values()).filter((scope) -> scope.value.equals(value)).findFirst();
	}

}
