package dev.warren.publisher.broker;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.boot.autoconfigure.AbstractDependsOnBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.warren.common.EmbeddedModeEnvironmentPostProcessor;

/**
 * Starts the embedded broker when Warren runs embedded (no {@code spring.rabbitmq.host}
 * given), before any AMQP connection factory is created.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(EmbeddedModeEnvironmentPostProcessor.EMBEDDED_PROPERTY)
@EnableConfigurationProperties(BrokerProperties.class)
class EmbeddedBrokerConfiguration {

	static final String BROKER_BEAN = "warrenEmbeddedBroker";

	@Bean(name = BROKER_BEAN, destroyMethod = "close")
	EmbeddedBroker warrenEmbeddedBroker(BrokerProperties properties) {
		return EmbeddedBroker.start(properties.port());
	}

	/**
	 * Makes every AMQP connection factory depend on the broker, so the broker starts
	 * first and stops last.
	 * @return the post-processor
	 */
	@Bean
	static AbstractDependsOnBeanFactoryPostProcessor connectionFactoriesDependOnEmbeddedBroker() {
		return new AbstractDependsOnBeanFactoryPostProcessor(ConnectionFactory.class, BROKER_BEAN) {
		};
	}

}
