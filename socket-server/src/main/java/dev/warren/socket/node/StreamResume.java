package dev.warren.socket.node;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

import dev.warren.common.history.StreamEntry;

/**
 * Points the stream consumer's next start after the last entry its listener handled (an
 * entry is handled whole, on one call). The container reads its consumer arguments
 * whenever it (re)starts a consumer, so updating them now and then is enough; nothing per
 * message.
 */
final class StreamResume implements SmartLifecycle {

	/** Where a node that starts begins reading the stream: its last chunk. */
	static final String START = "last";

	private static final Duration INTERVAL = Duration.ofMillis(500);

	private final boolean enabled;

	private final NodeQueueListener listener;

	private final SimpleMessageListenerContainer container;

	private final TaskScheduler scheduler;

	private long pointedAt = -1;

	private volatile ScheduledFuture<?> task;

	StreamResume(boolean enabled, NodeQueueListener listener, SimpleMessageListenerContainer container,
			TaskScheduler scheduler) {
		this.enabled = enabled;
		this.listener = listener;
		this.container = container;
		this.scheduler = scheduler;
	}

	@Override
	public void start() {
		if (this.enabled) {
			this.task = this.scheduler.scheduleWithFixedDelay(this::point, INTERVAL);
		}
	}

	private void point() {
		long last = this.listener.lastOffset();
		if (last >= 0 && last != this.pointedAt) {
			this.container
				.setConsumerArguments(Map.of(DeliveryDecoder.STREAM_OFFSET_HEADER, StreamEntry.offsetOf(last) + 1));
			this.pointedAt = last;
		}
	}

	@Override
	public void stop() {
		ScheduledFuture<?> task = this.task;
		if (task != null) {
			task.cancel(false);
			this.task = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.task != null;
	}

}
