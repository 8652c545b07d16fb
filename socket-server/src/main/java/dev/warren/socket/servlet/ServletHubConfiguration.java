package dev.warren.socket.servlet;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.annotation.Order;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

import dev.warren.socket.SocketProperties;
import dev.warren.socket.auth.ConnectAuthenticator;
import dev.warren.socket.auth.TokenRefresh;
import dev.warren.socket.hub.Hub;
import dev.warren.socket.hub.SubscriptionRules;
import dev.warren.socket.lane.SessionOrderedExecutor;
import dev.warren.socket.publish.ClientPublisher;

/**
 * Adapts Spring's STOMP sessions onto the hub: authentication first on
 * {@code clientInboundChannel}, so nothing else sees a frame of a session that has not
 * connected, then subscriptions and receipts; deliveries through the
 * {@link ServletOutlet}; a session that does not connect in time is refused.
 */
@Configuration(proxyBeanMethods = false)
@Order(1)
class ServletHubConfiguration implements WebSocketMessageBrokerConfigurer {

	private final StompAuthInterceptor authentication;

	private final SubscriptionInterceptor subscriptions;

	/**
	 * The outbound channel is lazy: it is built by the configuration this configurer
	 * feeds.
	 */
	ServletHubConfiguration(ConnectAuthenticator authenticator, Hub hub, SubscriptionRules rules,
			WebSocketSessions sockets, @Qualifier(SessionOrderedExecutor.OUTBOUND) SessionOrderedExecutor outbound,
			@Lazy @Qualifier("clientOutboundChannel") MessageChannel clientOutboundChannel, SocketProperties properties,
			@Qualifier("warrenTaskScheduler") TaskScheduler scheduler, ClientPublisher publisher) {
		ServletOutlet outlet = new ServletOutlet(sockets, outbound, hub.delivered());
		UnauthorizedNotice unauthorized = new UnauthorizedNotice(clientOutboundChannel);
		ConnectDeadline deadline = new ConnectDeadline(scheduler, properties.connectTimeout(), hub, sockets,
				unauthorized);
		sockets.onOpen(deadline);
		this.authentication = new StompAuthInterceptor(authenticator, hub, outlet, sockets, unauthorized, deadline);
		this.subscriptions = new SubscriptionInterceptor(rules, publisher, new TokenRefresh(authenticator, hub),
				clientOutboundChannel);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.authentication, this.subscriptions);
	}

}
