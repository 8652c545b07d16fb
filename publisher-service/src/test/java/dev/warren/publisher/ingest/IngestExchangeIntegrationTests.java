package dev.warren.publisher.ingest;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.amqp.AmqpIOException;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.support.GenericApplicationContext;

import dev.warren.common.WarrenAmqpProperties;
import dev.warren.publisher.IntegrationTestSupport;
import dev.warren.testsupport.RealServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The ingest exchange on the real RabbitMQ: a fanout, and a topic exchange an earlier
 * Warren declared under its name is used as it is.
 */
class IngestExchangeIntegrationTests extends IntegrationTestSupport {

	private final String id = UUID.randomUUID().toString().substring(0, 8);

	/** Names of an installation of this test's own, declared by a separate admin. */
	private final WarrenAmqpProperties legacy = new WarrenAmqpProperties("warren.test.legacy-ingest-" + this.id,
			"warren.test.legacy-queue-" + this.id, "warren.test.legacy-dlq-" + this.id,
			"warren.test.legacy-deliveries-" + this.id, "warren.test.legacy-node-" + this.id + ".");

	@Autowired
	WarrenAmqpProperties names;

	@AfterEach
	void deleteLegacyNames() throws IOException, TimeoutException {
		try (Connection connection = RealServices.rabbit().connectionFactory().newConnection();
				Channel channel = connection.createChannel()) {
			channel.exchangeDelete(this.legacy.ingestExchange());
			channel.exchangeDelete(this.legacy.deliveriesExchange());
			channel.queueDelete(this.legacy.deadLetterQueue());
		}
	}

	@Test
	void theIngestExchangeIsAFanout() throws IOException, TimeoutException {
		try (Connection connection = RealServices.rabbit().connectionFactory().newConnection()) {
			// Declaring an existing exchange again succeeds only with the same type.
			try (Channel channel = connection.createChannel()) {
				channel.exchangeDeclare(this.names.ingestExchange(), "fanout", true);
			}
			Channel channel = connection.createChannel();
			assertThatExceptionOfType(IOException.class)
				.isThrownBy(() -> channel.exchangeDeclare(this.names.ingestExchange(), "topic", true))
				.satisfies((ex) -> assertThat(ex.getCause()).hasMessageContaining("inequivalent arg 'type'"));
		}
	}

	@Test
	void aTopicIngestExchangeFromAnEarlierWarrenIsUsedAsItIs() throws IOException, TimeoutException {
		try (Connection connection = RealServices.rabbit().connectionFactory().newConnection();
				Channel channel = connection.createChannel()) {
			channel.exchangeDeclare(this.legacy.ingestExchange(), "topic", true);
		}
		assertThatNoException().isThrownBy(() -> declare(new AmqpTopologyConfiguration().warrenTopology(this.legacy,
				new IngestExchange(this.legacy.ingestExchange(), true))));
		try (Connection connection = RealServices.rabbit().connectionFactory().newConnection()) {
			// The declarations after the refused one went through on a new channel ...
			try (Channel channel = connection.createChannel()) {
				channel.exchangeDeclarePassive(this.legacy.deliveriesExchange());
				channel.queueDeclarePassive(this.legacy.deadLetterQueue());
				// ... and the exchange is still the topic exchange.
				channel.exchangeDeclare(this.legacy.ingestExchange(), "topic", true);
			}
		}
	}

	@Test
	void withoutTheExemptionTheEarlierTopicExchangeWouldStopTheDeclarations() throws IOException, TimeoutException {
		try (Connection connection = RealServices.rabbit().connectionFactory().newConnection();
				Channel channel = connection.createChannel()) {
			channel.exchangeDeclare(this.legacy.ingestExchange(), "topic", true);
		}
		Declarables strict = new Declarables(new FanoutExchange(this.legacy.ingestExchange(), true, false));
		assertThatExceptionOfType(AmqpIOException.class).isThrownBy(() -> declare(strict));
	}

	/** Declares as publisher-service's admin does when its connection opens. */
	private void declare(Declarables declarables) {
		CachingConnectionFactory factory = new CachingConnectionFactory(RealServices.rabbit().connectionFactory());
		factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean("topology", Declarables.class, () -> declarables);
			context.registerBean(RabbitAdmin.class, () -> {
				RabbitAdmin admin = new RabbitAdmin(factory);
				// Fail at once instead of retrying for seconds.
				admin.setRetryTemplate(null);
				return admin;
			});
			context.refresh();
			context.getBean(RabbitAdmin.class).initialize();
		}
		finally {
			factory.destroy();
		}
	}

}
