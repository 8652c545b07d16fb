package dev.warren.publisher;

import java.util.concurrent.atomic.AtomicBoolean;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureTestRestTemplate;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.testsupport.RealServices;

/**
 * Base of the integration tests against the real RabbitMQ and MariaDB on 127.0.0.1. All
 * subclasses share one configuration, so they share one application context, and with it
 * one set of consumers on this run's queues.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "warren.test-mode=true")
@AutoConfigureTestRestTemplate
public abstract class IntegrationTestSupport {

	/** A test secret of more than 32 bytes. */
	public static final String JWT_SECRET = "integration-test-secret-of-more-than-32-bytes";

	@Autowired
	protected TestRestTemplate http;

	private static final AtomicBoolean cleanupRegistered = new AtomicBoolean();

	@DynamicPropertySource
	static void props(DynamicPropertyRegistry registry) {
		RealServices.registerRabbit(registry);
		if (cleanupRegistered.compareAndSet(false, true)) {
			Runtime.getRuntime().addShutdownHook(new Thread(IntegrationTestSupport::deleteRunNames));
		}
		RealServices.registerDatabase(registry);
		registry.add("warren.jwt.secret", () -> JWT_SECRET);
		registry.add("warren.ingest.recovery-interval", () -> "1s");
	}

	/**
	 * The shared broker keeps durable queues and exchanges: remove this run's when the
	 * JVM exits (test-support names them per run but does not remove them).
	 */
	private static void deleteRunNames() {
		RealServices.RabbitEndpoint rabbit = RealServices.rabbit();
		WarrenAmqpProperties names = RealServices.amqpNames();
		ConnectionFactory factory = new ConnectionFactory();
		factory.setHost(rabbit.host());
		factory.setPort(rabbit.port());
		factory.setUsername(rabbit.username());
		factory.setPassword(rabbit.password());
		try (Connection connection = factory.newConnection("warren-test-cleanup")) {
			Channel channel = connection.createChannel();
			channel.queueDelete(names.ingestQueue());
			channel.queueDelete(names.deadLetterQueue());
			channel.exchangeDelete(names.ingestExchange());
			channel.exchangeDelete(names.deliveriesExchange());
		}
		catch (Exception ex) {
			// best effort: the JVM is exiting
		}
	}

}
