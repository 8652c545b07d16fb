package dev.warren.publisher.channel;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.publisher.ingest.IngestContainers;

/**
 * Creates, lists, resumes and removes rabbit channels: the stored record, the queue and
 * binding on the broker, and the running consumer.
 */
@Service
class RabbitChannelService {

	/** Name of the channel {@code GET /v1/create-rabbit-ch} ensures. */
	static final String DEFAULT_CHANNEL = "default";

	private static final Logger log = LoggerFactory.getLogger(RabbitChannelService.class);

	private final RabbitChannelRepository channels;

	private final RabbitChannelTopology topology;

	private final IngestContainers containers;

	private final WarrenAmqpProperties names;

	private final ReservedNames reserved;

	private final Clock clock;

	RabbitChannelService(RabbitChannelRepository channels, RabbitChannelTopology topology, IngestContainers containers,
			WarrenAmqpProperties names, Clock clock) {
		this.channels = channels;
		this.topology = topology;
		this.containers = containers;
		this.names = names;
		this.reserved = new ReservedNames(names);
		this.clock = clock;
	}

	/**
	 * Ensures the default channel: the ingest queue bound to the ingest exchange with
	 * {@code #}, stored and consumed. Idempotent.
	 * @return the channel
	 */
	synchronized RabbitChannelView ensureDefault() {
		RabbitChannel channel = this.channels.findById(DEFAULT_CHANNEL).orElse(null);
		if (channel == null) {
			channel = insert(new RabbitChannel(DEFAULT_CHANNEL, this.names.ingestQueue(), this.names.ingestExchange(),
					"#", now()), false);
		}
		else {
			this.topology.declare(channel);
		}
		this.containers.start(channel.getName(), channel.getQueue());
		return view(channel);
	}

	/**
	 * Creates a channel and starts consuming it.
	 * @param request the validated request
	 * @return the channel
	 * @throws DuplicateRabbitChannelException when the name is taken
	 * @throws dev.warren.publisher.web.InvalidFieldException when the queue or exchange
	 * is one of Warren's own
	 */
	synchronized RabbitChannelView create(RabbitChannelRequest request) {
		String exchange = StringUtils.hasText(request.exchange()) ? request.exchange() : this.names.ingestExchange();
		this.reserved.check(request.queue(), exchange);
		if (this.channels.existsById(request.name())) {
			throw new DuplicateRabbitChannelException(request.name());
		}
		String bindingKey = StringUtils.hasText(request.bindingKey()) ? request.bindingKey() : "#";
		RabbitChannel channel = insert(new RabbitChannel(request.name(), request.queue(), exchange, bindingKey, now()),
				true);
		this.containers.start(channel.getName(), channel.getQueue());
		return view(channel);
	}

	private RabbitChannel insert(RabbitChannel channel, boolean failIfExists) {
		this.topology.declare(channel);
		try {
			return this.channels.saveAndFlush(channel);
		}
		catch (DataIntegrityViolationException ex) {
			// Created at the same moment by another publisher-service instance.
			if (failIfExists) {
				throw new DuplicateRabbitChannelException(channel.getName());
			}
			return this.channels.findById(channel.getName()).orElseThrow(() -> ex);
		}
	}

	List<RabbitChannelView> list() {
		return this.channels.findAll().stream().map(this::view).toList();
	}

	RabbitChannelView get(String name) {
		return this.channels.findById(name).map(this::view).orElseThrow(() -> new UnknownRabbitChannelException(name));
	}

	/**
	 * Stops consuming a channel and forgets it. Its queue stays on the broker, with
	 * whatever it holds.
	 * @param name the channel
	 * @throws UnknownRabbitChannelException when there is no such channel
	 */
	synchronized void delete(String name) {
		if (!this.channels.existsById(name)) {
			throw new UnknownRabbitChannelException(name);
		}
		this.containers.stop(name);
		this.channels.deleteById(name);
	}

	/**
	 * Starts consuming every stored channel. A channel whose queue cannot be declared
	 * still starts: its consumer retries and shows the failure in its state.
	 */
	synchronized void resumeAll() {
		for (RabbitChannel channel : this.channels.findAll()) {
			try {
				this.topology.declare(channel);
			}
			catch (RuntimeException ex) {
				log.atWarn()
					.addKeyValue("warren.channel", channel.getName())
					.log("could not declare the queue of a stored rabbit channel: {}", ex.getMessage());
			}
			this.containers.start(channel.getName(), channel.getQueue());
		}
	}

	private Instant now() {
		// The database keeps microseconds: answer what a later read will answer.
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private RabbitChannelView view(RabbitChannel channel) {
		return RabbitChannelView.of(channel, this.containers.status(channel.getName()));
	}

}
