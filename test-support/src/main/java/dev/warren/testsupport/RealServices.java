package dev.warren.testsupport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConnectionFactory;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.rabbitmq.RabbitMQContainer;

import org.springframework.test.context.DynamicPropertyRegistry;

import dev.warren.common.WarrenAmqpProperties;

/**
 * The real RabbitMQ and MySQL-compatible database Warren's integration tests run against:
 * the ones on 127.0.0.1 (5672 guest/guest, 3306 root with an empty password) when they
 * answer, otherwise Testcontainers. When neither is available a test fails with a message
 * saying what to start; it never skips.
 * <p>
 * Each test JVM gets its own database schema and its own exchange and queue names, so
 * runs sharing a broker or a database server do not see each other's messages or rows.
 */
public final class RealServices {

	/** Random id of this test JVM, used in schema, exchange and queue names. */
	public static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);

	private static RabbitEndpoint rabbit;

	private static DatabaseEndpoint database;

	private RealServices() {
	}

	/**
	 * Registers the RabbitMQ connection, this run's AMQP names and
	 * {@code warren.embedded=false}.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public static void registerRabbit(DynamicPropertyRegistry registry) {
		RabbitEndpoint endpoint = rabbit();
		registry.add("warren.embedded", () -> "false");
		registry.add("spring.rabbitmq.host", endpoint::host);
		registry.add("spring.rabbitmq.port", endpoint::port);
		registry.add("spring.rabbitmq.username", endpoint::username);
		registry.add("spring.rabbitmq.password", endpoint::password);
		WarrenAmqpProperties names = amqpNames();
		registry.add("warren.amqp.ingest-exchange", names::ingestExchange);
		registry.add("warren.amqp.ingest-queue", names::ingestQueue);
		registry.add("warren.amqp.dead-letter-queue", names::deadLetterQueue);
		registry.add("warren.amqp.deliveries-exchange", names::deliveriesExchange);
		registry.add("warren.amqp.node-queue-prefix", names::nodeQueuePrefix);
	}

	/**
	 * The environment that points a Warren service started as a process of its own at
	 * this run's RabbitMQ and at this run's exchange and queue names: what
	 * {@link #registerRabbit} is to a Spring test context.
	 * @return variable name to value
	 */
	public static Map<String, String> rabbitEnvironment() {
		RabbitEndpoint endpoint = rabbit();
		WarrenAmqpProperties names = amqpNames();
		Map<String, String> env = new LinkedHashMap<>();
		env.put("SPRING_RABBITMQ_HOST", endpoint.host());
		env.put("SPRING_RABBITMQ_PORT", Integer.toString(endpoint.port()));
		env.put("SPRING_RABBITMQ_USERNAME", endpoint.username());
		env.put("SPRING_RABBITMQ_PASSWORD", endpoint.password());
		env.put("WARREN_AMQP_INGEST_EXCHANGE", names.ingestExchange());
		env.put("WARREN_AMQP_INGEST_QUEUE", names.ingestQueue());
		env.put("WARREN_AMQP_DEAD_LETTER_QUEUE", names.deadLetterQueue());
		env.put("WARREN_AMQP_DELIVERIES_EXCHANGE", names.deliveriesExchange());
		env.put("WARREN_AMQP_NODE_QUEUE_PREFIX", names.nodeQueuePrefix());
		return env;
	}

	/**
	 * The environment that points publisher-service, started as a process, at this run's
	 * database schema.
	 * @return variable name to value
	 */
	public static Map<String, String> databaseEnvironment() {
		DatabaseEndpoint endpoint = database();
		return Map.of("SPRING_DATASOURCE_URL", endpoint.url(), "SPRING_DATASOURCE_USERNAME", endpoint.username(),
				"SPRING_DATASOURCE_PASSWORD", endpoint.password());
	}

	/**
	 * Registers the database connection of this run's own schema.
	 * @param registry the registry of a {@code @DynamicPropertySource} method
	 */
	public static void registerDatabase(DynamicPropertyRegistry registry) {
		DatabaseEndpoint endpoint = database();
		registry.add("spring.datasource.url", endpoint::url);
		registry.add("spring.datasource.username", endpoint::username);
		registry.add("spring.datasource.password", endpoint::password);
	}

	/**
	 * This run's exchange and queue names: the contract's names with the run id appended.
	 * @return the names
	 */
	public static WarrenAmqpProperties amqpNames() {
		WarrenAmqpProperties defaults = WarrenAmqpProperties.defaults();
		String suffix = ".t" + RUN_ID;
		return new WarrenAmqpProperties(defaults.ingestExchange() + suffix, defaults.ingestQueue() + suffix,
				defaults.deadLetterQueue() + suffix, defaults.deliveriesExchange() + suffix,
				defaults.nodeQueuePrefix() + "t" + RUN_ID + ".");
	}

	/**
	 * The RabbitMQ to use, chosen once per JVM. This run's exchanges and queues (see
	 * {@link #amqpNames()}) are deleted when the JVM exits, so a shared broker does not
	 * collect them run after run.
	 * @return its address and credentials
	 */
	public static synchronized RabbitEndpoint rabbit() {
		if (rabbit == null) {
			Runtime.getRuntime().addShutdownHook(new Thread(RealServices::deleteRunNames));
			if (answers("127.0.0.1", 5672)) {
				rabbit = new RabbitEndpoint("127.0.0.1", 5672, "guest", "guest");
			}
			else {
				requireDocker("RabbitMQ", "rabbitmq-server -detached");
				RabbitMQContainer container = new RabbitMQContainer("rabbitmq:4-management");
				container.start();
				rabbit = new RabbitEndpoint(container.getHost(), container.getAmqpPort(), container.getAdminUsername(),
						container.getAdminPassword());
			}
		}
		return rabbit;
	}

	/**
	 * The database to use, chosen once per JVM, with a schema of this run's own that is
	 * dropped when the JVM exits.
	 * @return its JDBC URL and credentials
	 */
	public static synchronized DatabaseEndpoint database() {
		if (database == null) {
			String schema = "warren_t" + RUN_ID.toLowerCase(Locale.ROOT);
			if (answers("127.0.0.1", 3306)) {
				String server = "jdbc:mariadb://127.0.0.1:3306/";
				createSchema(server, "root", "", schema);
				database = new DatabaseEndpoint(server + schema, "root", "");
			}
			else {
				requireDocker("MySQL/MariaDB",
						"start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd");
				MySQLContainer container = new MySQLContainer("mysql:8.4").withUsername("root").withPassword("test");
				container.start();
				String server = "jdbc:mysql://" + container.getHost() + ":" + container.getMappedPort(3306) + "/";
				createSchema(server, "root", "test", schema);
				database = new DatabaseEndpoint(server + schema, "root", "test");
			}
		}
		return database;
	}

	private static void deleteRunNames() {
		WarrenAmqpProperties names = amqpNames();
		try (com.rabbitmq.client.Connection connection = rabbit.connectionFactory()
			.newConnection("warren-test-cleanup")) {
			for (String queue : new String[] { names.ingestQueue(), names.deadLetterQueue(),
					names.topicRuleRequestQueue(), names.historyStream() }) {
				deleteQuietly(connection, (channel) -> channel.queueDelete(queue));
			}
			for (String exchange : new String[] { names.ingestRoutedExchange(), names.ingestExchange(),
					names.deliveriesExchange() }) {
				deleteQuietly(connection, (channel) -> channel.exchangeDelete(exchange));
			}
		}
		catch (IOException | TimeoutException | RuntimeException ex) {
			// best effort: the JVM is exiting
		}
	}

	private static void deleteQuietly(com.rabbitmq.client.Connection connection, Deletion deletion) {
		try (Channel channel = connection.createChannel()) {
			deletion.apply(channel);
		}
		catch (IOException | TimeoutException | RuntimeException ex) {
			// already gone, or the broker refused: nothing to keep
		}
	}

	private interface Deletion {

		void apply(Channel channel) throws IOException;

	}

	private static void createSchema(String serverUrl, String user, String password, String schema) {
		try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test schema " + schema + " on " + serverUrl, ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(serverUrl, user, password, schema)));
	}

	private static void dropSchema(String serverUrl, String user, String password, String schema) {
		try (Connection connection = DriverManager.getConnection(serverUrl, user, password);
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS `" + schema + "`");
		}
		catch (SQLException ex) {
			// best effort: the JVM is exiting
		}
	}

	private static boolean answers(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void requireDocker(String service, String startCommand) {
		boolean docker;
		try {
			docker = DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			docker = false;
		}
		if (!docker) {
			throw new IllegalStateException(service
					+ " is not answering on 127.0.0.1 and no Docker engine is available "
					+ "for Testcontainers. Start it (" + startCommand + ") or start Docker, then run the tests again.");
		}
	}

	/**
	 * A RabbitMQ endpoint.
	 *
	 * @param host host name
	 * @param port AMQP port
	 * @param username user
	 * @param password password
	 */
	public record RabbitEndpoint(String host, int port, String username, String password) {

		/**
		 * An AMQP client's connection factory for this endpoint.
		 * @return a new factory
		 */
		public ConnectionFactory connectionFactory() {
			ConnectionFactory factory = new ConnectionFactory();
			factory.setHost(this.host);
			factory.setPort(this.port);
			factory.setUsername(this.username);
			factory.setPassword(this.password);
			return factory;
		}

		/**
		 * This endpoint as an AMQP URI, for tools that take one ({@code --amqp-uri}).
		 * @return {@code amqp://user:password@host:port}
		 */
		public String uri() {
			return "amqp://" + this.username + ":" + this.password + "@" + this.host + ":" + this.port;
		}

	}

	/**
	 * A database endpoint.
	 *
	 * @param url JDBC URL of this run's schema
	 * @param username user
	 * @param password password
	 */
	public record DatabaseEndpoint(String url, String username, String password) {
	}

}
