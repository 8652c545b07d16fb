package dev.warren.publisher.channel;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Consumes the stored rabbit channels again once the application has started.
 */
@Component
class RabbitChannelResumer implements ApplicationRunner {

	private final RabbitChannelService channels;

	RabbitChannelResumer(RabbitChannelService channels) {
		this.channels = channels;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.channels.resumeAll();
	}

}
