package dev.warren.publisher.channel;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

import org.springframework.data.domain.Persistable;

/**
 * A rabbit channel: a queue Warren consumes, bound to an exchange with a binding key.
 * Stored so it is consumed again after a restart.
 */
@Entity
@Table(name = "warren_rabbit_channel")
class RabbitChannel implements Persistable<String> {

	@Id
	@Column(length = 128)
	private String name;

	@Column(name = "queue_name", nullable = false)
	private String queue;

	@Column(name = "exchange_name", nullable = false)
	private String exchange;

	@Column(name = "binding_key", nullable = false)
	private String bindingKey;

	@Column(name = "created_at", nullable = false)
	private Instant createdAt;

	/** Assigned ids: tells Spring Data to insert rather than merge a new channel. */
	@Transient
	private boolean fresh;

	protected RabbitChannel() {
	}

	RabbitChannel(String name, String queue, String exchange, String bindingKey, Instant createdAt) {
		this.name = name;
		this.queue = queue;
		this.exchange = exchange;
		this.bindingKey = bindingKey;
		this.createdAt = createdAt;
		this.fresh = true;
	}

	@Override
	public String getId() {
		return this.name;
	}

	@Override
	public boolean isNew() {
		return this.fresh;
	}

	String getName() {
		return this.name;
	}

	String getQueue() {
		return this.queue;
	}

	String getExchange() {
		return this.exchange;
	}

	String getBindingKey() {
		return this.bindingKey;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

}
