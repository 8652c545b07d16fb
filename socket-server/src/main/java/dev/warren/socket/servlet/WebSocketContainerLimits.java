package dev.warren.socket.servlet;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.web.context.ServletContextAware;

/**
 * Sizes the servlet container's per-session inbound message buffers (Tomcat's default is
 * 8 KiB each for text and binary). Sessions take messages in parts, so this bounds
 * memory, not the frame size: Spring's STOMP decoder joins the parts and refuses a frame
 * over the limit. Does what {@code ServletServerContainerFactoryBean} does, without being
 * a {@code FactoryBean}: type checks would instantiate that one before the configuration
 * properties exist.
 */
final class WebSocketContainerLimits implements ServletContextAware, InitializingBean {

	private final int bufferSize;

	private ServletContext servletContext;

	WebSocketContainerLimits(int bufferSize) {
		this.bufferSize = bufferSize;
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
		serverContainer.setDefaultMaxTextMessageBufferSize(this.bufferSize);
		serverContainer.setDefaultMaxBinaryMessageBufferSize(this.bufferSize);
	}

}
