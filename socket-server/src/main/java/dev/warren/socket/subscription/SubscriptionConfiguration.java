package dev.warren.socket.subscription;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Adds subscription authorization and receipts to {@code clientInboundChannel}, after
 * authentication.
 */
@Configuration(proxyBeanMethods = false)
@Order(2)
class SubscriptionConfiguration implements WebSocketMessageBrokerConfigurer {

	private final SubscriptionInterceptor subscriptions;

	private final ReceiptInterceptor receipts;

	/**
	 * The outbound channel is lazy: it is built by the configuration this configurer
	 * feeds.
	 */
	SubscriptionConfiguration(SubscriptionRules rules,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel) {
		this.subscriptions = new SubscriptionInterceptor(rules, clientOutboundChannel);
		this.receipts = new ReceiptInterceptor("/user/", clientOutboundChannel);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.subscriptions, this.receipts);
	}

}
