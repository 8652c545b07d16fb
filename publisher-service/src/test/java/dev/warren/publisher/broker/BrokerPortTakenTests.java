package dev.warren.publisher.broker;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.warren.publisher.PublisherApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class BrokerPortTakenTests {

	@Test
	void brokerRefusesATakenPort() throws Exception {
		try (ServerSocket taken = bindLoopback()) {
			assertThatExceptionOfType(BrokerPortTakenException.class)
				.isThrownBy(() -> EmbeddedBroker.start(taken.getLocalPort()))
				.withMessageContaining("Port " + taken.getLocalPort() + " is taken")
				.satisfies((ex) -> assertThat(ex.getPort()).isEqualTo(taken.getLocalPort()));
		}
	}

	@Test
	void analyzerSaysWhatToDo() {
		BrokerPortTakenException failure = new BrokerPortTakenException(5673, null);
		FailureAnalysis analysis = new BrokerPortTakenFailureAnalyzer().analyze(new RuntimeException(failure));
		assertThat(analysis.getDescription()).startsWith("Port 5673 is taken");
		assertThat(analysis.getAction()).contains("set SPRING_RABBITMQ_HOST to use a running RabbitMQ",
				"WARREN_BROKER_PORT to move the embedded broker");
	}

	@Test
	void startUpStopsWithTheMessage(@TempDir Path dir, CapturedOutput output) throws Exception {
		try (ServerSocket taken = bindLoopback()) {
			int port = taken.getLocalPort();
			// Command-line arguments, so they win over application.properties.
			assertThatThrownBy(
					() -> new SpringApplicationBuilder(PublisherApplication.class).run("--warren.broker.port=" + port,
							"--server.port=0", "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("warren"),
							"--warren.jwt.secret-file=" + dir.resolve("jwt-secret")))
				.hasRootCauseInstanceOf(java.net.BindException.class);
			assertThat(output).contains("Port " + port + " is taken")
				.contains(
						"set SPRING_RABBITMQ_HOST to use a running RabbitMQ, or WARREN_BROKER_PORT to move the embedded broker");
		}
	}

	private static ServerSocket bindLoopback() throws Exception {
		ServerSocket socket = new ServerSocket();
		socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		return socket;
	}

}
