package dev.warren.socket.stomp;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.web.context.ServletContextAware;

/**
 * Makes the servlet container refuse WebSocket messages over the frame limit (Tomcat's
 * default buffer is 8 KiB); Spring's decoder then bounds a STOMP frame split over several
 * messages. Does what {@code ServletServerContainerFactoryBean} does, without being a
 * {@code FactoryBean}: type checks would instantiate that one before the configuration
 * properties exist.
 */
final class WebSocketContainerLimits implements ServletContextAware, InitializingBean {

	private final int messageSizeLimit;

	private ServletContext servletContext;

	WebSocketContainerLimits(int messageSizeLimit) {
		this.messageSizeLimit = messageSizeLimit;
	}

	@Override
	public void setServletContext(ServletContext servletContext) {
		this.servletContext = servletContext;
	}

	@Override
	public void afterPropertiesSet() {
		Object container = (this.servletContext != null)
				? this.servletContext.getAttribute(ServerContainer.class.getName()) : null;
		if (!(container instanceof ServerContainer serverContainer)) {
			throw new IllegalStateException("No WebSocket ServerContainer in the servlet context");
		}
		serverContainer.setDefaultMaxTextMessageBufferSize(this.messageSizeLimit);
		serverContainer.setDefaultMaxBinaryMessageBufferSize(this.messageSizeLimit);
	}

}
