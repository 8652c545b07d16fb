package dev.warren.publisher.ingest;

import java.time.Instant;

import org.springframework.amqp.rabbit.listener.AsyncConsumerStoppedEvent;
import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.amqp.rabbit.listener.ListenerContainerConsumerFailedEvent;
import org.springframework.amqp.rabbit.listener.MissingQueueEvent;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Follows one listener container's consumer through the events the container publishes:
 * it is the container's event publisher, so each rabbit channel has its own.
 */
final class ConsumerStatus implements ApplicationEventPublisher {

	private volatile Snapshot snapshot = new Snapshot(ChannelStatus.STARTING, null, Instant.now());

	@Override
	public void publishEvent(Object event) {
		if (event instanceof ConsumeOkEvent) {
			this.snapshot = new Snapshot(ChannelStatus.CONSUMING, null, Instant.now());
		}
		else if (event instanceof MissingQueueEvent missing) {
			recovering("queue '" + missing.getQueue() + "' not found");
		}
		else if (event instanceof ListenerContainerConsumerFailedEvent failed) {
			String reason = failed.getReason()
					+ ((failed.getThrowable() != null) ? ": " + describe(failed.getThrowable()) : "");
			if (failed.isFatal()) {
				this.snapshot = new Snapshot(ChannelStatus.STOPPED, reason, Instant.now());
			}
			else {
				recovering(reason);
			}
		}
		else if (event instanceof AsyncConsumerStoppedEvent && ChannelStatus.CONSUMING.equals(this.snapshot.state())) {
			this.snapshot = new Snapshot(ChannelStatus.RECOVERING, this.snapshot.lastFailure(), Instant.now());
		}
	}

	private void recovering(String reason) {
		Snapshot current = this.snapshot;
		// A missing queue is reported on every retry: keep the first time it happened.
		Instant since = ChannelStatus.RECOVERING.equals(current.state()) ? current.since() : Instant.now();
		this.snapshot = new Snapshot(ChannelStatus.RECOVERING, reason, since);
	}

	ChannelStatus status(boolean running, int inFlight) {
		Snapshot current = this.snapshot;
		String state = running ? current.state() : ChannelStatus.STOPPED;
		return new ChannelStatus(state, current.lastFailure(), current.since(), inFlight);
	}

	private static String describe(Throwable throwable) {
		Throwable cause = throwable;
		while (cause.getCause() != null && cause.getCause() != cause && cause.getMessage() == null) {
			cause = cause.getCause();
		}
		return (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
	}

	private record Snapshot(String state, String lastFailure, Instant since) {
	}

}
