package dev.warren.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} is valid Compose, takes every secret from {@code .env}, and
 * wires the cluster so that each service starts only when what it needs is healthy.
 */
class ComposeFileTest {

	@Test
	void isValidComposeWithTheExampleEnvironment() {
		Commands.Result result = ComposeFile.compose(".env.example", "config", "-q");
		assertThat(result.exitCode()).as(result.output()).isZero();
	}

	@Test
	void refusesToStartWithoutTheSecretsOfDotEnv(@TempDir Path work) throws IOException {
		// An empty environment: each required secret is reported missing, none has a
		// default.
		Path empty = Files.createFile(work.resolve("empty.env"));
		Commands.Result result = ComposeFile.compose(empty.toString(), "config", "-q");
		assertThat(result.exitCode()).isNotZero();
		assertThat(result.output()).contains("copy .env.example to .env and set");
	}

	@Test
	void commitsNoSecretValue() {
		// Every password or secret in the file is a ${VARIABLE} without a default.
		Pattern secretLine = Pattern.compile("(?m)^\\s*([A-Z_]*(PASSWORD|PASS|SECRET)[A-Z_]*):\\s*(.*)$");
		Matcher matcher = secretLine.matcher(Project.read("docker-compose.yml"));
		int secrets = 0;
		while (matcher.find()) {
			secrets++;
			assertThat(matcher.group(3)).as(matcher.group(1)).matches("\\$\\{[A-Z_]+:\\?[^}]+\\}");
		}
		assertThat(secrets).isGreaterThanOrEqualTo(6);
		assertThat(Project.read(".dockerignore")).contains(".env");
	}

	@Test
	void servicesStartOnlyWhenWhatTheyNeedIsHealthy() {
		ComposeFile compose = ComposeFile.resolved();
		assertThat(dependsOn(compose, "publisher-service")).containsEntry("mysql", "service_healthy")
			.containsEntry("rabbitmq-definitions", "service_completed_successfully");
		for (String node : List.of("socket-a", "socket-b")) {
			assertThat(dependsOn(compose, node)).containsEntry("rabbitmq-definitions",
					"service_completed_successfully");
		}
		assertThat(dependsOn(compose, "rabbitmq-definitions")).containsEntry("rabbitmq", "service_healthy");
		assertThat(dependsOn(compose, "load-balancer")).containsEntry("publisher-service", "service_healthy")
			.containsEntry("socket-a", "service_healthy")
			.containsEntry("socket-b", "service_healthy");
		for (String name : List.of("rabbitmq", "mysql", "publisher-service", "socket-a", "socket-b", "load-balancer")) {
			assertThat(Project.<Object>at(compose.service(name), "healthcheck", "test")).as(name).isNotNull();
		}
	}

	@Test
	void warrenServicesAreHealthCheckedOnTheirReadinessPort() {
		ComposeFile compose = ComposeFile.resolved();
		Map<String, String> ports = Map.of("publisher-service", "8080", "socket-a", "8081", "socket-b", "8081");
		ports.forEach((service, port) -> {
			List<String> test = Project.at(compose.service(service), "healthcheck", "test");
			assertThat(test).as(service)
				.contains("http://127.0.0.1:" + port + "/actuator/health/readiness")
				.startsWith("CMD", "curl");
			assertThat(Project.<String>at(compose.service(service), "build", "target"))
				.isEqualTo(service.startsWith("socket") ? "socket-server" : service);
		});
	}

	@Test
	void theTwoSocketNodesDifferOnlyInTheirNodeId() {
		ComposeFile compose = ComposeFile.resolved();
		Map<String, String> a = new HashMap<>(compose.environment("socket-a"));
		Map<String, String> b = new HashMap<>(compose.environment("socket-b"));
		assertThat(a.remove("WARREN_SOCKET_NODE_ID")).isNotEqualTo(b.remove("WARREN_SOCKET_NODE_ID"));
		assertThat(a).isEqualTo(b);
		// The token key must be the one publisher-service signs with.
		assertThat(a.get("WARREN_JWT_SECRET")).isNotBlank()
			.isEqualTo(compose.environment("publisher-service").get("WARREN_JWT_SECRET"));
	}

	@Test
	void clientEncryptionTakesItsMasterKeyFromDotEnvAndIsOffWithoutIt() {
		// .env.example leaves it out: encryption off, and publisher-service alone gets
		// it.
		ComposeFile compose = ComposeFile.resolved();
		assertThat(compose.environment("publisher-service")).containsEntry("WARREN_ENCRYPTION_MASTER_KEY", "");
		assertThat(compose.environment("socket-a")).doesNotContainKey("WARREN_ENCRYPTION_MASTER_KEY");
		assertThat(Project.read(".env.example")).contains("# WARREN_ENCRYPTION_MASTER_KEY=");
	}

	@Test
	void theLoadBalancerUpgradesWebSocketsToBothNodesAndKeepsSockJsSticky() {
		String nginx = Project.read("deploy/nginx/nginx.conf");
		// WebSockets to the nodes' Netty edge, SockJS to their servlet port.
		assertThat(upstream(nginx, "socket_nodes")).contains("server socket-a:8091;", "server socket-b:8091;");
		assertThat(upstream(nginx, "socket_nodes_sticky")).contains("server socket-a:8081;", "server socket-b:8081;");
		assertThat(nginx).contains("server publisher-service:8080;")
			.contains("proxy_set_header Upgrade $http_upgrade;", "proxy_set_header Connection $connection_upgrade;")
			.contains("location ~ ^/ws(/json)?$ {", "location /sockjs/", "hash $remote_addr consistent;");
		List<String> volumes = Project.at(ComposeFile.resolved().service("load-balancer"), "volumes");
		assertThat(String.join(" ", volumes)).contains("deploy/nginx/nginx.conf:/etc/nginx/nginx.conf");
	}

	@Test
	void theLoadBalancerConfigurationIsValidNginx(@TempDir Path work) throws IOException {
		// Compose's service names resolve only inside its network; nginx resolves
		// upstream
		// hosts when it loads the file, so they point at this machine for the check.
		String config = Project.read("deploy/nginx/nginx.conf")
			.replaceAll("server (socket-a|socket-b|publisher-service):(\\d+);", "server 127.0.0.1:$2;");
		Files.createDirectories(work.resolve("logs"));
		Path file = Files.writeString(work.resolve("nginx.conf"), config);
		Commands.Result result;
		try {
			result = Commands
				.run(work, null, List.of(Processes.nginx(), "-t", "-p", work.toString(), "-c", file.toString(), "-g",
						"pid " + work.resolve("nginx.pid") + "; error_log " + work.resolve("logs/error.log") + ";"));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("nginx checks deploy/nginx/nginx.conf: apt-get install -y nginx-light", ex);
		}
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output()).contains("syntax is ok");
	}

	@Test
	void prometheusScrapesEveryWarrenServiceAndGrafanaGetsTheChartsDashboard() {
		Map<String, Object> prometheus = Project.yamlMap(Project.read("deploy/prometheus/prometheus.yml"));
		String scrape = String.valueOf(prometheus.get("scrape_configs"));
		assertThat(scrape).contains("publisher-service:8080", "socket-a:8081", "socket-b:8081", "rabbitmq:15692")
			.contains("/actuator/prometheus");
		List<String> volumes = Project.at(ComposeFile.resolved().service("grafana"), "volumes");
		assertThat(String.join(" ", volumes)).contains("helm/warren/dashboards:/var/lib/grafana/dashboards/warren");
		assertThat(Project.read("deploy/grafana/provisioning/dashboards/warren.yml"))
			.contains("path: /var/lib/grafana/dashboards/warren");
		assertThat(Project.read("deploy/rabbitmq/enabled_plugins")).contains("rabbitmq_management",
				"rabbitmq_prometheus");
	}

	private static Map<String, String> dependsOn(ComposeFile compose, String service) {
		Map<String, Map<String, Object>> dependsOn = Project.at(compose.service(service), "depends_on");
		Map<String, String> conditions = new HashMap<>();
		dependsOn.forEach((name, spec) -> conditions.put(name, String.valueOf(spec.get("condition"))));
		return conditions;
	}

	/** The body of nginx's {@code upstream name { ... }} block. */
	private static String upstream(String nginx, String name) {
		Matcher block = Pattern.compile("upstream " + name + " \\{([^}]*)}").matcher(nginx);
		assertThat(block.find()).as("upstream " + name).isTrue();
		return block.group(1);
	}

}
