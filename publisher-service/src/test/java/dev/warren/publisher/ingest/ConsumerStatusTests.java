package dev.warren.publisher.ingest;

import org.junit.jupiter.api.Test;

import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.amqp.rabbit.listener.ListenerContainerConsumerFailedEvent;
import org.springframework.amqp.rabbit.listener.MissingQueueEvent;

import static org.assertj.core.api.Assertions.assertThat;

class ConsumerStatusTests {

	private final ConsumerStatus status = new ConsumerStatus();

	@Test
	void startsAsStarting() {
		assertThat(this.status.status(true, 0).state()).isEqualTo(ChannelStatus.STARTING);
	}

	@Test
	void consumingAfterConsumeOk() {
		this.status.publishEvent(new ConsumeOkEvent(this, "q", "tag"));
		ChannelStatus current = this.status.status(true, 3);
		assertThat(current.state()).isEqualTo(ChannelStatus.CONSUMING);
		assertThat(current.lastFailure()).isNull();
		assertThat(current.inFlight()).isEqualTo(3);
	}

	@Test
	void recoveringWithReasonWhenTheQueueIsMissing() {
		this.status.publishEvent(new ConsumeOkEvent(this, "q", "tag"));
		this.status.publishEvent(new ListenerContainerConsumerFailedEvent(this, "Consumer raised exception",
				new IllegalStateException("cancelled by broker"), false));
		this.status.publishEvent(new MissingQueueEvent(this, "q"));
		ChannelStatus current = this.status.status(true, 0);
		assertThat(current.state()).isEqualTo(ChannelStatus.RECOVERING);
		assertThat(current.lastFailure()).isEqualTo("queue 'q' not found");
	}

	@Test
	void consumingAgainClearsTheFailure() {
		this.status.publishEvent(new MissingQueueEvent(this, "q"));
		this.status.publishEvent(new ConsumeOkEvent(this, "q", "tag"));
		assertThat(this.status.status(true, 0).lastFailure()).isNull();
	}

	@Test
	void fatalFailureStops() {
		this.status.publishEvent(new ListenerContainerConsumerFailedEvent(this, "Consumer received fatal exception",
				new IllegalStateException("access refused"), true));
		ChannelStatus current = this.status.status(true, 0);
		assertThat(current.state()).isEqualTo(ChannelStatus.STOPPED);
		assertThat(current.lastFailure()).contains("access refused");
	}

	@Test
	void stoppedWhenTheContainerDoesNotRun() {
		this.status.publishEvent(new ConsumeOkEvent(this, "q", "tag"));
		assertThat(this.status.status(false, 0).state()).isEqualTo(ChannelStatus.STOPPED);
	}

}
