package dev.warren.publisher.channel;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import dev.warren.common.EmbeddedModeEnvironmentPostProcessor;

/**
 * Consumes the stored rabbit channels again once the application has started. In the
 * embedded mode it also ensures the default channel, so what producers publish to the
 * embedded broker travels on without anyone calling {@code GET /v1/create-rabbit-ch}.
 */
@Component
class RabbitChannelResumer implements ApplicationRunner {

	private final RabbitChannelService channels;

	private final boolean embedded;

	RabbitChannelResumer(RabbitChannelService channels,
			@Value("${" + EmbeddedModeEnvironmentPostProcessor.EMBEDDED_PROPERTY + ":false}") boolean embedded) {
		this.channels = channels;
		this.embedded = embedded;
	}

	@Override
	public void run(ApplicationArguments args) {
		this.channels.resumeAll();
		if (this.embedded) {
			this.channels.ensureDefault();
		}
	}

}
