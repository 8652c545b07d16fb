package dev.warren.socket.delivery;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.core.annotation.Order;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * Counts MESSAGE frames handed to sessions in {@code warren.socket.messages.delivered}:
 * one per session and message, once Spring's WebSocket handler (or the Netty edge) has
 * written it.
 */
@Component
@Order(3)
public class DeliveredCounter implements WebSocketMessageBrokerConfigurer, ExecutorChannelInterceptor {

	private final Counter delivered;

	DeliveredCounter(MeterRegistry meters) {
		this.delivered = Counter.builder("warren.socket.messages.delivered")
			.description("MESSAGE frames written to local sessions")
			.register(meters);
	}

	/**
	 * Counts one MESSAGE frame written without going through the outbound channel
	 * ({@link EncodedFanout}).
	 */
	void increment() {
		this.delivered.increment();
	}

	/**
	 * Counts MESSAGE frames written by the Netty edge.
	 * @param frames how many
	 */
	public void increment(int frames) {
		this.delivered.increment(frames);
	}

	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.interceptors(this);
	}

	@Override
	public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler, Exception ex) {
		if (ex == null && SimpMessageHeaderAccessor.getMessageType(message.getHeaders()) == SimpMessageType.MESSAGE) {
			this.delivered.increment();
		}
	}

}
