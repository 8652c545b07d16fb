package dev.warren.publisher.publish;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The HTTP publish API's settings, and the schedule that forgets expired idempotency
 * keys.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PublishProperties.class)
@EnableScheduling
class PublishConfiguration {

}
