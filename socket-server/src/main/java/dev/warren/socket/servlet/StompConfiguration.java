package dev.warren.socket.servlet;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketTransportRegistration;
import org.springframework.web.socket.messaging.StompSubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolHandler;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

import dev.warren.socket.SocketProperties;
import dev.warren.socket.lane.SessionOrderedExecutor;
import dev.warren.socket.drain.NodeDrain;

/**
 * STOMP over WebSocket: endpoints {@code /ws} and {@code /sockjs}, the simple broker for
 * {@code /topic} and {@code /queue} with {@code /user} destinations, transport limits and
 * the session-ordered channel executors. Feature packages add their own channel
 * interceptors through their own configurers.
 * <p>
 * Ordered last: Boot's configurer (order 0) sets the application executor on the client
 * channels, and the last {@code ChannelRegistration.executor} call wins.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class StompConfiguration implements WebSocketMessageBrokerConfigurer, Ordered {

	/** Prefix of user destinations; the user is the client id. */
	static final String USER_PREFIX = "/user";

	private static final int SEND_BUFFER_SIZE_LIMIT = 512 * 1024;

	private final SocketProperties properties;

	private final WebSocketSessions sessions;

	private final SessionOrderedExecutor inbound;

	private final SessionOrderedExecutor outbound;

	private final ThreadPoolTaskScheduler scheduler;

	private final NodeDrain drain;

	StompConfiguration(SocketProperties properties, WebSocketSessions sessions,
			@Qualifier(SessionOrderedExecutor.INBOUND) SessionOrderedExecutor inbound,
			@Qualifier(SessionOrderedExecutor.OUTBOUND) SessionOrderedExecutor outbound,
			@Qualifier("warrenTaskScheduler") ThreadPoolTaskScheduler scheduler, NodeDrain drain) {
		this.properties = properties;
		this.sessions = sessions;
		this.inbound = inbound;
		this.outbound = outbound;
		this.scheduler = scheduler;
		this.drain = drain;
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		// Same origin and requests without Origin are always allowed by Spring.
		String[] origins = this.properties.allowedOrigins().toArray(String[]::new);
		registry.addEndpoint("/ws").setAllowedOriginPatterns(origins).addInterceptors(this.drain);
		registry.addEndpoint("/sockjs").setAllowedOriginPatterns(origins).addInterceptors(this.drain).withSockJS();
		registry.setErrorHandler(new RefusalErrorHandler());
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		// No application destination prefix: clients never SEND.
		registry.enableSimpleBroker("/topic", "/queue")
			.setHeartbeatValue(this.properties.heartbeat())
			.setTaskScheduler(this.scheduler);
		registry.setUserDestinationPrefix(USER_PREFIX);
	}

	@Override
	public void configureWebSocketTransport(WebSocketTransportRegistration registry) {
		registry.setSendTimeLimit((int) this.properties.sendTimeLimit().toMillis())
			.setSendBufferSizeLimit(SEND_BUFFER_SIZE_LIMIT)
			.addDecoratorFactory(this.sessions::decorate);
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		// Per-session order of inbound frames: SUBSCRIBE before UNSUBSCRIBE, everything
		// before the DISCONNECT that cleans up.
		registration.executor(this.inbound).interceptors(new StompMdcInterceptor());
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.executor(this.outbound);
	}

	/**
	 * Below the drain's phase: on shutdown, sessions are closed with a reconnect hint
	 * before the broker and the WebSocket handler stop (which would close them with
	 * 1001).
	 */
	@Override
	public Integer getPhase() {
		return NodeDrain.AFTER_DRAIN_PHASE;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Bean
	@ConditionalOnProperty(name = "warren.socket.permessage-deflate", havingValue = "false", matchIfMissing = true)
	FilterRegistrationBean<ExtensionOfferFilter> extensionOfferFilter() {
		FilterRegistrationBean<ExtensionOfferFilter> registration = new FilterRegistrationBean<>(
				new ExtensionOfferFilter());
		registration.addUrlPatterns("/ws", "/sockjs/*");
		return registration;
	}

	@Bean
	FilterRegistrationBean<OriginSyntaxFilter> originSyntaxFilter() {
		FilterRegistrationBean<OriginSyntaxFilter> registration = new FilterRegistrationBean<>(
				new OriginSyntaxFilter());
		registration.addUrlPatterns("/ws", "/sockjs/*");
		return registration;
	}

	@Bean
	FilterRegistrationBean<SockJsPayloadStatusFilter> sockJsPayloadStatusFilter() {
		FilterRegistrationBean<SockJsPayloadStatusFilter> registration = new FilterRegistrationBean<>(
				new SockJsPayloadStatusFilter());
		registration.addUrlPatterns("/sockjs/*");
		return registration;
	}

	/**
	 * Spring builds its STOMP handler without a way to set its decoder: it is set once
	 * every bean exists, before the first session. The decoder keeps the frame limit, so
	 * Spring's own limit is lifted out of its way.
	 */
	@Bean
	SmartInitializingSingleton limitedStompDecoder(ApplicationContext context) {
		int limit = (int) this.properties.messageSizeLimit().toBytes();
		return () -> {
			SubProtocolWebSocketHandler handler = context.getBean("subProtocolWebSocketHandler",
					SubProtocolWebSocketHandler.class);
			for (SubProtocolHandler protocol : handler.getProtocolHandlers()) {
				if (protocol instanceof StompSubProtocolHandler stomp) {
					stomp.setDecoder(new LimitedStompDecoder(limit, this.properties.stompHeaderLimits()));
					stomp.setMessageSizeLimit(Integer.MAX_VALUE);
				}
			}
		};
	}

	@Bean
	ConnectionBuffers connectionBuffers() {
		return new ConnectionBuffers((int) this.properties.ioBufferSize().toBytes());
	}

	@Bean
	WebSocketContainerLimits webSocketContainerLimits() {
		return new WebSocketContainerLimits((int) this.properties.frameBufferSize().toBytes());
	}

}
