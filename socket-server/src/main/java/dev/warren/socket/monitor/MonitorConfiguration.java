package dev.warren.socket.monitor;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The node's warnings, recorded by every way in and reported with the node announcement.
 */
@Configuration(proxyBeanMethods = false)
class MonitorConfiguration {

	@Bean
	NodeWarnings nodeWarnings() {
		return new NodeWarnings();
	}

}
