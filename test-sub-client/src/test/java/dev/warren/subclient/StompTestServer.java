package dev.warren.subclient;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Executors;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.MessageDeliveryException;
import org.springframework.messaging.MessageHandler;
import org.springframework.messaging.simp.SimpMessagingTemplate;
import org.springframework.messaging.simp.broker.SimpleBrokerMessageHandler;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompHeaderAccessor;
import org.springframework.messaging.simp.user.UserDestinationMessageHandler;
import org.springframework.messaging.support.ExecutorChannelInterceptor;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.messaging.support.MessageHeaderAccessor;
import org.springframework.scheduling.concurrent.ConcurrentTaskExecutor;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.messaging.StompSubProtocolErrorHandler;

/**
 * A minimal socket-server stand-in: Spring's simple broker on {@code /ws}, a token check
 * on CONNECT, a refusal for one topic, and RECEIPTs for SUBSCRIBE once the subscription
 * is registered (which Spring's simple broker does not send by itself).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebSocketMessageBroker
class StompTestServer implements WebSocketMessageBrokerConfigurer, Ordered {

	static final String TOKEN = "good-token";

	static final String CLIENT_ID = "c-1";

	static final String FORBIDDEN_TOPIC = "forbidden";

	private static volatile String lastSessionId;

	private final ApplicationContext context;

	StompTestServer(ApplicationContext context) {
		this.context = context;
	}

	static ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(StompTestServer.class)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"spring.jmx.enabled=false", "logging.level.root=WARN")
			.run();
	}

	static String webSocketUrl(ConfigurableApplicationContext server) {
		return "ws://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port") + "/ws";
	}

	/**
	 * Sends {@code count} JSON messages with Warren's headers to the client's private
	 * channel, then one plain-text message to {@code /topic/prices}.
	 */
	static void publish(ConfigurableApplicationContext server, int count) {
		SimpMessagingTemplate template = server.getBean(SimpMessagingTemplate.class);
		for (int i = 1; i <= count; i++) {
			template.convertAndSendToUser(CLIENT_ID, "/queue/data",
					("{\"n\":" + i + ",\"symbol\":\"EUR\"}").getBytes(StandardCharsets.UTF_8),
					Map.of("warren-id", "id-" + i, "warren-published-at", String.valueOf(System.currentTimeMillis())));
		}
		template.convertAndSend("/topic/prices", "plain text".getBytes(StandardCharsets.UTF_8),
				Map.of("warren-id", "id-topic"));
	}

	/** Sends an ERROR frame to the last session that connected; Spring then closes it. */
	static void sendError(ConfigurableApplicationContext server, String message) {
		StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
		error.setMessage(message);
		error.setSessionId(lastSessionId);
		server.getBean("clientOutboundChannel", MessageChannel.class)
			.send(MessageBuilder.createMessage("going away".getBytes(StandardCharsets.UTF_8),
					error.getMessageHeaders()));
	}

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint("/ws");
		registry.setErrorHandler(new ErrorsThroughTheOutboundChannel());
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.enableSimpleBroker("/topic", "/queue");
		registry.setUserDestinationPrefix("/user");
		registry.configureBrokerChannel().executor(new SyncTaskExecutor());
	}

	/**
	 * Every frame goes out on one thread, in the order it was sent (ERROR frames for
	 * refused client frames too, see {@link ErrorsThroughTheOutboundChannel}): a message
	 * published before an ERROR frame is written before it, and no other thread can be
	 * holding the session's send lock (say, just after writing a RECEIPT) when Spring
	 * sends an ERROR and closes at once, which would drop what that thread had not yet
	 * flushed. Ordered last so that these executors win over Boot's.
	 */
	@Override
	public void configureClientOutboundChannel(ChannelRegistration registration) {
		registration.executor(new ConcurrentTaskExecutor(Executors.newSingleThreadExecutor((task) -> {
			Thread thread = new Thread(task, "stomp-test-outbound");
			thread.setDaemon(true);
			return thread;
		})));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void configureClientInboundChannel(ChannelRegistration registration) {
		registration.executor(new SyncTaskExecutor()).interceptors(new Guard());
	}

	/**
	 * Sends the ERROR for a refused client frame through the outbound channel, so that it
	 * is written (and the session closed) on the one outbound thread, after what was
	 * queued before it, instead of on the inbound thread.
	 */
	private final class ErrorsThroughTheOutboundChannel extends StompSubProtocolErrorHandler {

		@Override
		public Message<byte[]> handleClientMessageProcessingError(Message<byte[]> clientMessage, Throwable ex) {
			StompHeaderAccessor client = (clientMessage != null)
					? MessageHeaderAccessor.getAccessor(clientMessage, StompHeaderAccessor.class) : null;
			if (client == null || client.getSessionId() == null) {
				return super.handleClientMessageProcessingError(clientMessage, ex);
			}
			StompHeaderAccessor error = StompHeaderAccessor.create(StompCommand.ERROR);
			error.setMessage(ex.getMessage());
			error.setSessionId(client.getSessionId());
			StompTestServer.this.context.getBean("clientOutboundChannel", MessageChannel.class)
				.send(MessageBuilder.createMessage(new byte[0], error.getMessageHeaders()));
			return null;
		}

	}

	private final class Guard implements ExecutorChannelInterceptor {

		@Override
		public Message<?> preSend(Message<?> message, MessageChannel channel) {
			StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
			if (StompCommand.CONNECT.equals(accessor.getCommand())) {
				if (!("Bearer " + TOKEN).equals(accessor.getFirstNativeHeader("Authorization"))) {
					throw new MessageDeliveryException("Unauthorized");
				}
				accessor.setUser(() -> CLIENT_ID);
				lastSessionId = accessor.getSessionId();
			}
			if (StompCommand.SUBSCRIBE.equals(accessor.getCommand())
					&& ("/topic/" + FORBIDDEN_TOPIC).equals(accessor.getDestination())) {
				throw new MessageDeliveryException("Forbidden destination");
			}
			return message;
		}

		@Override
		public void afterMessageHandled(Message<?> message, MessageChannel channel, MessageHandler handler,
				Exception ex) {
			StompHeaderAccessor accessor = MessageHeaderAccessor.getAccessor(message, StompHeaderAccessor.class);
			if (ex != null || !StompCommand.SUBSCRIBE.equals(accessor.getCommand()) || accessor.getReceipt() == null) {
				return;
			}
			boolean user = accessor.getDestination().startsWith("/user/");
			if (user ? handler instanceof UserDestinationMessageHandler
					: handler instanceof SimpleBrokerMessageHandler) {
				StompHeaderAccessor receipt = StompHeaderAccessor.create(StompCommand.RECEIPT);
				receipt.setReceiptId(accessor.getReceipt());
				receipt.setSessionId(accessor.getSessionId());
				StompTestServer.this.context.getBean("clientOutboundChannel", MessageChannel.class)
					.send(MessageBuilder.createMessage(new byte[0], receipt.getMessageHeaders()));
			}
		}

	}

}
