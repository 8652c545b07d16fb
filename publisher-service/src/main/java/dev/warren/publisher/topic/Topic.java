package dev.warren.publisher.topic;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * A topic of the catalogue.
 */
@Entity
@Table(name = "warren_topic")
class Topic implements Persistable<String> {

	@Id
	@Column(length = 128)
	private String name;

	@Column(length = 500)
	private String description;

	@Column(nullable = false, length = 10)
	private String visibility;

	@Column(name = "client_publish", nullable = false)
	private boolean clientPublish;

	@Column(nullable = false)
	private boolean encrypted;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Column(name = "last_message_at")
	private Instant lastMessageAt;

	/** The version of its access rule as last announced; 0 for the default rule. */
	@Column(name = "rule_version", nullable = false)
	private long ruleVersion;

	/** For a private topic: the clients that may subscribe. */
	@ElementCollection
	@CollectionTable(name = "warren_topic_member", joinColumns = @JoinColumn(name = "topic_name"))
	@Column(name = "client_id", length = 128)
	private Set<String> members = new HashSet<>();

	@Transient
	private boolean fresh;

	protected Topic() {
	}

	Topic(String name, Instant createdAt) {
		this.name = name;
		this.createdAt = createdAt;
		this.updatedAt = createdAt;
		this.fresh = true;
	}

	void apply(TopicRequest request, Instant now) {
		this.description = request.description();
		this.visibility = request.visibility();
		this.clientPublish = Boolean.TRUE.equals(request.clientPublish());
		this.encrypted = Boolean.TRUE.equals(request.encrypted());
		this.updatedAt = now;
	}

	/**
	 * Records that the rule changed.
	 * @param version the rule clock's next value
	 * @param now when
	 */
	void ruleChanged(long version, Instant now) {
		this.ruleVersion = version;
		this.updatedAt = now;
	}

	boolean addMember(String clientId) {
		return this.members.add(clientId);
	}

	boolean removeMember(String clientId) {
		return this.members.remove(clientId);
	}

	void replaceMembers(Collection<String> clientIds) {
		this.members.clear();
		this.members.addAll(clientIds);
	}

	Set<String> members() {
		return this.members;
	}

	String name() {
		return this.name;
	}

	boolean encrypted() {
		return this.encrypted;
	}

	/**
	 * The rule as nodes are told it.
	 * @return the rule
	 */
	TopicRule rule() {
		boolean privateTopic = "private".equals(this.visibility);
		return new TopicRule(this.name, this.visibility, this.clientPublish,
				privateTopic ? Set.copyOf(this.members) : Set.of(), false, this.ruleVersion, this.encrypted);
	}

	@Override
	public String getId() {
		return this.name;
	}

	@Override
	public boolean isNew() {
		return this.fresh;
	}

	TopicView view() {
		return new TopicView(this.name, this.description, this.visibility, this.clientPublish, this.encrypted,
				"private".equals(this.visibility) ? this.members.size() : null, null, this.createdAt, this.updatedAt,
				this.lastMessageAt);
	}

}
