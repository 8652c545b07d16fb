package dev.warren.publisher.record;

import java.time.Duration;
import java.util.Map;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.warren.common.EmbeddedModeEnvironmentPostProcessor;
import dev.warren.common.WarrenAmqpProperties;

/**
 * The records queue and its one consumer, the ledger.
 */
@Configuration(proxyBeanMethods = false)
class RecordLedgerConfiguration {

	/** Operations applied per transaction, at most. */
	private static final int BATCH = 100;

	/**
	 * Durable. On RabbitMQ every publisher-service instance consumes it but only one at a
	 * time ({@code x-single-active-consumer}), which keeps the ledger in delivery order;
	 * the embedded broker, which refuses {@code x-} arguments, serves one instance.
	 */
	@Bean
	Queue recordsQueue(WarrenAmqpProperties names, Environment environment) {
		boolean embedded = environment.getProperty(EmbeddedModeEnvironmentPostProcessor.EMBEDDED_PROPERTY,
				Boolean.class, false);
		Map<String, Object> arguments = embedded ? Map.of() : Map.of("x-single-active-consumer", true);
		return new Queue(names.recordsQueue(), true, false, false, arguments);
	}

	@Bean
	SimpleMessageListenerContainer recordLedgerContainer(ConnectionFactory connectionFactory, Queue recordsQueue,
			JdbcClient jdbc, PlatformTransactionManager transactionManager) {
		SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
		container.setQueues(recordsQueue);
		container.setMessageListener(
				new RecordLedger(jdbc, new TransactionTemplate(transactionManager), Duration.ofSeconds(2)));
		container.setAcknowledgeMode(AcknowledgeMode.AUTO);
		container.setConsumerBatchEnabled(true);
		container.setBatchSize(BATCH);
		container.setPrefetchCount(BATCH * 2);
		// A batch is handed over when full or when nothing more arrives for this long.
		container.setReceiveTimeout(50);
		container.setDefaultRequeueRejected(true);
		container.setConcurrentConsumers(1);
		container.setMissingQueuesFatal(false);
		container.setBeanName("warren-record-ledger");
		return container;
	}

}
