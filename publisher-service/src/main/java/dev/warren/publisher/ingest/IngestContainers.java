package dev.warren.publisher.ingest;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.stereotype.Component;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.common.WarrenHistoryProperties;
import dev.warren.publisher.encryption.Sealing;
import dev.warren.publisher.delivery.DeliveryPublisher;
import dev.warren.publisher.delivery.EntryBatching;
import dev.warren.publisher.delivery.PublishingConnection;
import dev.warren.publisher.monitoring.Warnings;

/**
 * The running consumers, one listener container per rabbit channel.
 * <p>
 * Each container has exactly one consumer (so one thread), manual acks, a bounded
 * prefetch and a {@link DeliveryPublisher} of its own: the messages of one queue are
 * republished in the order they were consumed. A missing queue is not fatal: the
 * container keeps retrying every {@code recovery-interval}, and the other channels go on.
 * With the history in a stream, each publisher packs its deliveries into stream entries.
 */
@Component
public class IngestContainers implements DisposableBean, SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(IngestContainers.class);

	/** Whether the application context runs, as {@link SmartLifecycle} says it. */
	private volatile boolean started;

	private final Sealing sealing;

	private final ConnectionFactory connectionFactory;

	private final PublishingConnection publishingConnection;

	private final IngestProperties properties;

	private final WarrenAmqpProperties names;

	private final IngestMetrics metrics;

	private final TopicSightings sightings;

	private final Warnings warnings;

	private final DeliveryStamp stamp = DeliveryStamp.withRandomPrefix();

	private final Map<String, Running> running = new ConcurrentHashMap<>();

	/**
	 * Publishes the stream entries whose linger ran out; {@code null} without batching.
	 */
	private final @Nullable ScheduledExecutorService entryScheduler;

	private final @Nullable EntryBatching batching;

	IngestContainers(ConnectionFactory connectionFactory, PublishingConnection publishingConnection,
			IngestProperties properties, WarrenAmqpProperties names, IngestMetrics metrics, MeterRegistry registry,
			TopicSightings sightings, Warnings warnings, Sealing sealing, WarrenHistoryProperties history) {
		this.sealing = sealing;
		this.sightings = sightings;
		this.warnings = warnings;
		this.connectionFactory = connectionFactory;
		this.publishingConnection = publishingConnection;
		this.properties = properties;
		this.names = names;
		this.metrics = metrics;
		if (history.store() == WarrenHistoryProperties.Store.STREAM && properties.entryMaxMessages() > 1) {
			this.entryScheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "warren-stream-entries");
				thread.setDaemon(true);
				return thread;
			});
			this.batching = new EntryBatching(names.historyStream(), properties.entryMaxMessages(),
					properties.entryMaxBytes(), properties.entryLinger(), this.entryScheduler);
		}
		else {
			this.entryScheduler = null;
			this.batching = null;
		}
		Gauge.builder("warren.ingest.in.flight", this, IngestContainers::inFlight)
			.description("Republishes awaiting the broker's confirm, over all rabbit channels")
			.register(registry);
	}

	/**
	 * Starts consuming a rabbit channel's queue; does nothing when it already runs.
	 * @param name the rabbit channel
	 * @param queue its queue
	 */
	public synchronized void start(String name, String queue) {
		if (this.running.containsKey(name)) {
			return;
		}
		DeliveryPublisher publisher = new DeliveryPublisher(this.publishingConnection, name, this.batching);
		ConsumerStatus status = new ConsumerStatus();
		SimpleMessageListenerContainer container = container(name, queue, publisher, status);
		this.running.put(name, new Running(container, publisher, status));
		container.start();
		log.atInfo().addKeyValue("warren.channel", name).addKeyValue("warren.queue", queue).log("consuming {}", queue);
	}

	/**
	 * Stops consuming a rabbit channel; messages it held unacked go back to the queue.
	 * @param name the rabbit channel
	 */
	public synchronized void stop(String name) {
		Running channel = this.running.remove(name);
		if (channel != null) {
			channel.stop();
		}
	}

	/**
	 * The live state of a rabbit channel.
	 * @param name the rabbit channel
	 * @return its state; {@code stopped} when it does not run here
	 */
	public ChannelStatus status(String name) {
		Running channel = this.running.get(name);
		if (channel == null) {
			return new ChannelStatus(ChannelStatus.STOPPED, null, Instant.now(), 0);
		}
		return channel.status.status(channel.container.isRunning(), channel.publisher.inFlight());
	}

	private SimpleMessageListenerContainer container(String name, String queue, DeliveryPublisher publisher,
			ConsumerStatus status) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(this.connectionFactory);
		container.setQueueNames(queue);
		container.setConcurrentConsumers(1);
		container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		container.setPrefetchCount(this.properties.prefetch());
		container.setMissingQueuesFatal(false);
		container.setRecoveryInterval(this.properties.recoveryInterval().toMillis());
		container.setFailedDeclarationRetryInterval(this.properties.recoveryInterval().toMillis());
		container.setShutdownTimeout(this.properties.shutdownTimeout().toMillis());
		container.setMessagePropertiesConverter(new ReceivedPropertiesConverter());
		container.setApplicationEventPublisher(status);
		container.setTaskExecutor(new SimpleAsyncTaskExecutor("warren-ingest-" + name + "-"));
		container.setBeanName("warren-ingest-" + name);
		container.setMessageListener(new IngestListener(name, queue, publisher, this.stamp, this.metrics,
				this.names.deliveriesExchange(), this.names.deadLetterQueue(), this.properties.maxBodyBytes(),
				this.properties.ackBatch(), this.properties.prefetch(), this.sightings, this.warnings,
				this.names.recordsQueue(), this.sealing));
		container.afterPropertiesSet();
		return container;
	}

	private double inFlight() {
		return this.running.values().stream().mapToInt((channel) -> channel.publisher.inFlight()).sum();
	}

	/**
	 * Starts again the channels {@link #stop()} paused: the application context was
	 * started again.
	 */
	@Override
	public synchronized void start() {
		this.started = true;
		this.running.values().forEach((channel) -> channel.container.start());
	}

	/**
	 * Pauses every channel's consumer, keeping the channels: a stopped application takes
	 * nothing from its queues (what it held unacked goes back to them). Stopped first on
	 * shutdown, before the publishing connection closes.
	 */
	@Override
	public synchronized void stop() {
		this.started = false;
		this.running.values().forEach((channel) -> channel.container.stop());
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	@Override
	public synchronized void destroy() {
		this.running.values().forEach(Running::stop);
		this.running.clear();
		if (this.entryScheduler != null) {
			this.entryScheduler.shutdownNow();
		}
	}

	private record Running(SimpleMessageListenerContainer container, DeliveryPublisher publisher,
			ConsumerStatus status) {

		void stop() {
			// Consumer first, so nothing new is published; then the publishing channel.
			this.container.stop();
			this.container.destroy();
			this.publisher.close();
		}

	}

}
