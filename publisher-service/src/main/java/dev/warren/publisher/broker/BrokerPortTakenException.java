package dev.warren.publisher.broker;

/**
 * The embedded broker's port is already bound by another process.
 */
class BrokerPortTakenException extends IllegalStateException {

	private final int port;

	BrokerPortTakenException(int port, Throwable cause) {
		super("Port " + port + " is taken, so the embedded AMQP broker cannot listen on 127.0.0.1:" + port
				+ ": set SPRING_RABBITMQ_HOST to use a running RabbitMQ, or WARREN_BROKER_PORT to move the embedded broker",
				cause);
		this.port = port;
	}

	int getPort() {
		return this.port;
	}

}
