package dev.warren.publisher.topic;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
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

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	@Column(name = "last_message_at")
	private Instant lastMessageAt;

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
		this.updatedAt = now;
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
		return new TopicView(this.name, this.description, this.visibility, this.clientPublish, this.createdAt,
				this.updatedAt, this.lastMessageAt);
	}

}
