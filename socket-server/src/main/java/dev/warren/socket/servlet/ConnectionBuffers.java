package dev.warren.socket.servlet;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * Sizes the buffers Tomcat allocates for every connection and keeps for its lifetime: the
 * socket's read and write buffers (8 KiB each by default) and the WebSocket frame input,
 * output and encoder buffers (8 KiB each). On a node holding tens of thousands of mostly
 * idle sessions these are most of the memory a connection costs; Warren's frames are a
 * few hundred bytes, so smaller buffers cost nothing on the wire.
 * <p>
 * The WebSocket sizes are a JVM-wide system property that Tomcat reads once, when its
 * WebSocket classes load, so it is set here, before the server starts, unless the JVM was
 * started with it.
 */
final class ConnectionBuffers implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> {

	private static final String WEBSOCKET_BUFFER_PROPERTY = "org.apache.tomcat.websocket.DEFAULT_BUFFER_SIZE";

	private final int size;

	ConnectionBuffers(int size) {
		this.size = size;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		String bytes = Integer.toString(this.size);
		if (System.getProperty(WEBSOCKET_BUFFER_PROPERTY) == null) {
			System.setProperty(WEBSOCKET_BUFFER_PROPERTY, bytes);
		}
		factory.addConnectorCustomizers((connector) -> {
			connector.setProperty("socket.appReadBufSize", bytes);
			connector.setProperty("socket.appWriteBufSize", bytes);
		});
	}

}
