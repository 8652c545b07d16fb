package dev.warren.socket.auth;

import org.springframework.core.annotation.Order;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Puts {@link StompAuthInterceptor} first on {@code clientInboundChannel}: nothing else
 * sees a frame of a session that has not authenticated.
 */
@Component
@Order(1)
class AuthChannelConfigurer implements WebSocketMessageBrokerConfigurer {

	private final StompAuthInterceptor interceptor;

	AuthChannelConfigurer(StompAuthInterceptor interceptor) {
		this.interceptor = interceptor;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.interceptors(this.interceptor);
	}

}
