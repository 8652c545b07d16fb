package dev.warren.publisher.broker;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a taken embedded-broker port into a short start-up report saying how to run
 * anyway, instead of a stack trace.
 */
class BrokerPortTakenFailureAnalyzer extends AbstractFailureAnalyzer<BrokerPortTakenException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, BrokerPortTakenException cause) {
		int port = cause.getPort();
		return new FailureAnalysis(
				"Port " + port + " is taken: the embedded AMQP broker could not listen on 127.0.0.1:" + port + ".",
				"Stop whatever listens on port " + port
						+ ", set SPRING_RABBITMQ_HOST to use a running RabbitMQ, or WARREN_BROKER_PORT to move the embedded broker.",
				cause);
	}

}
