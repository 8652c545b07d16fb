package dev.warren.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code helm lint} and {@code helm template} of {@code helm/warren}, with the default
 * values and with an external-services values file, and what the rendered manifests must
 * hold for the services to run.
 */
class HelmChartTest {

	static final String PUBLISHER = RenderedChart.RELEASE + "-warren-publisher";

	static final String SOCKET = RenderedChart.RELEASE + "-warren-socket";

	static final Set<String> PROBE_PATHS = Set.of("/actuator/health/liveness", "/actuator/health/readiness");

	static Stream<RenderedChart> renderings() {
		return Stream.of(RenderedChart.defaults(), RenderedChart.externalServices());
	}

	@Test
	void lintsWithoutErrorsOnTheDefaultValues() {
		assertLintsClean(RenderedChart.chart());
	}

	@Test
	void lintsWithoutErrorsOnTheExternalServicesValues(@TempDir Path work) throws IOException {
		// helm lint takes no values file here: lint a copy whose values.yaml has them
		// merged in.
		Path copy = work.resolve("warren");
		FileSystemUtils.copyRecursively(RenderedChart.chart(), copy);
		Map<String, Object> merged = Project.yamlMap(Project.read("helm/warren/values.yaml"));
		deepMerge(merged, Project.yamlMap(Project.read("helm/warren/ci/external-services-values.yaml")));
		Files.writeString(copy.resolve("values.yaml"), new Yaml().dump(merged));
		assertLintsClean(copy);
	}

	@ParameterizedTest
	@MethodSource("renderings")
	void probesHitTheActuatorPathsTheServicesExpose(RenderedChart chart) {
		for (String deployment : List.of(PUBLISHER, SOCKET)) {
			Map<String, Object> container = chart.container(deployment);
			List<Map<String, Object>> ports = Project.at(container, "ports");
			for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
				assertThat(PROBE_PATHS).as(deployment + " " + probe)
					.contains((String) Project.at(container, probe, "httpGet", "path"));
				assertThat(ports).extracting((p) -> p.get("name"))
					.as(deployment + " " + probe + " port")
					.contains((Object) Project.at(container, probe, "httpGet", "port"));
			}
			assertThat(Project.<String>at(container, "readinessProbe", "httpGet", "path"))
				.isEqualTo("/actuator/health/readiness");
		}
	}

	@Test
	void defaultInstallCreatesTheSecretsEveryReferenceNames(@TempDir Path work) throws IOException {
		// The generated token key is a pre-install hook, so that upgrades keep it (a new
		// key
		// would invalidate every client's token). helm template leaves hooks out: render
		// a
		// copy of the chart without the hook annotation to see it beside the rest.
		String secretTemplate = Files.readString(RenderedChart.chart().resolve("templates/secret.yaml"));
		assertThat(secretTemplate).contains("helm.sh/hook: pre-install", "helm.sh/resource-policy: keep");
		Path copy = work.resolve("warren");
		FileSystemUtils.copyRecursively(RenderedChart.chart(), copy);
		Files.writeString(copy.resolve("templates/secret.yaml"),
				secretTemplate.replace("helm.sh/hook: pre-install", "warren.test/was-hook: pre-install"));
		RenderedChart chart = RenderedChart.render(copy, null, Map.of());

		Map<String, String> passwords = Project.at(chart.get("Secret", "rel-warren"), "data");
		assertThat(passwords).containsOnlyKeys("rabbitmq-password", "database-password");
		String key = Project.at(chart.get("Secret", "rel-warren-jwt"), "data", "jwt-secret");
		assertThat(Base64.getDecoder().decode(key)).hasSizeGreaterThanOrEqualTo(32);
		String adminToken = Project.at(chart.get("Secret", "rel-warren-admin"), "data", "admin-token");
		assertThat(Base64.getDecoder().decode(adminToken)).hasSizeGreaterThanOrEqualTo(32);
		assertThat(secretKeyRefs(chart, PUBLISHER)).anySatisfy(
				(ref) -> assertThat(ref).containsEntry("name", "rel-warren-admin").containsEntry("key", "admin-token"));
		for (String deployment : List.of(PUBLISHER, SOCKET)) {
			for (Map<String, Object> ref : secretKeyRefs(chart, deployment)) {
				Map<String, String> data = Project.at(chart.get("Secret", (String) ref.get("name")), "data");
				assertThat(data).as(deployment + " " + ref).containsKey((String) ref.get("key"));
			}
		}
		// helm template itself shows only the passwords' Secret.
		assertThat(RenderedChart.defaults().ofKind("Secret")).hasSize(1);
	}

	@Test
	void rendersWithoutACluster() throws IOException {
		// lookup would query a cluster even under "helm template": whatever answers on
		// localhost:8080, or an error when nothing does.
		try (Stream<Path> templates = Files.list(RenderedChart.chart().resolve("templates"))) {
			assertThat(templates)
				.allSatisfy((template) -> assertThat(Files.readString(template)).as(template.toString())
					.doesNotContain("lookup"));
		}
	}

	@Test
	void aGivenTokenKeyGoesIntoTheChartsSecret() {
		RenderedChart chart = RenderedChart.render(null, Map.of("secrets.jwtSecret", "k".repeat(40)));
		assertThat(chart.has("Secret", "rel-warren-jwt")).isFalse();
		Map<String, String> data = Project.at(chart.get("Secret", "rel-warren"), "data");
		assertThat(new String(Base64.getDecoder().decode(data.get("jwt-secret")))).isEqualTo("k".repeat(40));
		assertThat(secretKeyRefs(chart, SOCKET))
			.allSatisfy((ref) -> assertThat(ref.get("name")).isEqualTo("rel-warren"));
	}

	@Test
	void aGivenAdminTokenGoesIntoTheChartsSecret() {
		RenderedChart chart = RenderedChart.render(null, Map.of("secrets.adminToken", "a".repeat(40)));
		assertThat(chart.has("Secret", "rel-warren-admin")).isFalse();
		Map<String, String> data = Project.at(chart.get("Secret", "rel-warren"), "data");
		assertThat(new String(Base64.getDecoder().decode(data.get("admin-token")))).isEqualTo("a".repeat(40));
		assertThat(secretKeyRefs(chart, PUBLISHER)).anySatisfy(
				(ref) -> assertThat(ref).containsEntry("name", "rel-warren").containsEntry("key", "admin-token"));
	}

	@Test
	void anExistingSecretReplacesTheChartsOwn() {
		RenderedChart chart = RenderedChart.externalServices();
		assertThat(chart.ofKind("Secret")).isEmpty();
		for (String deployment : List.of(PUBLISHER, SOCKET)) {
			assertThat(secretKeyRefs(chart, deployment)).isNotEmpty()
				.allSatisfy((ref) -> assertThat(ref.get("name")).isEqualTo("warren-credentials"))
				.allSatisfy((ref) -> assertThat(ref.get("key")).isIn("jwt-secret", "admin-token", "rabbitmq-password",
						"database-password", "encryption-master-key"));
		}
	}

	@Test
	void clientEncryptionIsOnlyOnWithAMasterKeyGiven() {
		assertThat(RenderedChart.defaults().environment(PUBLISHER)).doesNotContainKey("WARREN_ENCRYPTION_MASTER_KEY");
		assertThat(secretKeyRefs(RenderedChart.defaults(), PUBLISHER))
			.noneSatisfy((ref) -> assertThat(ref).containsEntry("key", "encryption-master-key"));
		RenderedChart chart = RenderedChart.render(null, Map.of("secrets.encryptionMasterKey", "m".repeat(40)));
		Map<String, String> data = Project.at(chart.get("Secret", "rel-warren"), "data");
		assertThat(new String(Base64.getDecoder().decode(data.get("encryption-master-key")))).isEqualTo("m".repeat(40));
		assertThat(secretKeyRefs(chart, PUBLISHER))
			.anySatisfy((ref) -> assertThat(ref).containsEntry("name", "rel-warren")
				.containsEntry("key", "encryption-master-key"));
		assertThat(secretKeyRefs(chart, SOCKET))
			.noneSatisfy((ref) -> assertThat(ref).containsEntry("key", "encryption-master-key"));
	}

	@Test
	void externalServicesValuesReachTheServices() {
		RenderedChart chart = RenderedChart.externalServices();
		Map<String, String> publisher = chart.environment(PUBLISHER);
		assertThat(publisher).containsEntry("SPRING_RABBITMQ_HOST", "rabbitmq.messaging.svc.cluster.local")
			.containsEntry("SPRING_RABBITMQ_PORT", "5671")
			.containsEntry("SPRING_RABBITMQ_SSL_ENABLED", "true")
			.containsEntry("SPRING_DATASOURCE_URL",
					"jdbc:mysql://mysql.databases.example.com:3306/warren?sslMode=REQUIRED")
			.containsEntry("WARREN_PUBLISHER_SOCKET_URL", "wss://rt.example.com/ws")
			.containsEntry("WARREN_INGEST_PREFETCH", "500");
		assertThat(chart.environment(SOCKET))
			.containsEntry("WARREN_SOCKET_ALLOWED_ORIGINS", "https://app.example.com,https://*.example.com")
			.containsEntry("WARREN_SOCKET_MAX_QUEUED_MESSAGES", "2000");
		assertThat(chart.ofKind("ServiceMonitor")).hasSize(1);
		assertThat(Project.<List<?>>at(chart.get("Ingress", "rel-warren"), "spec", "tls")).hasSize(1);
	}

	@ParameterizedTest
	@MethodSource("renderings")
	void autoscalerAndDisruptionBudgetTargetTheSocketNodes(RenderedChart chart) {
		Map<String, Object> hpa = chart.get("HorizontalPodAutoscaler", SOCKET);
		assertThat(Project.<String>at(hpa, "spec", "scaleTargetRef", "kind")).isEqualTo("Deployment");
		assertThat(Project.<String>at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo(SOCKET);
		assertThat(chart.has("Deployment", SOCKET)).isTrue();
		// The autoscaler owns the replica count: a fixed one would fight it on every
		// upgrade.
		assertThat(Project.<Object>at(chart.get("Deployment", SOCKET), "spec", "replicas")).isNull();
		Map<String, Object> pdb = chart.get("PodDisruptionBudget", SOCKET);
		assertThat(Project.<Map<String, Object>>at(pdb, "spec", "selector", "matchLabels"))
			.isEqualTo(podLabels(chart, SOCKET));
	}

	@ParameterizedTest
	@MethodSource("renderings")
	void servicesSelectTheirDeploymentsPodsAndTheIngressRoutesToThem(RenderedChart chart) {
		for (String name : List.of(PUBLISHER, SOCKET)) {
			Map<String, Object> service = chart.get("Service", name);
			assertThat(Project.<Map<String, Object>>at(service, "spec", "selector")).isEqualTo(podLabels(chart, name))
				.isEqualTo(Project.at(chart.get("Deployment", name), "spec", "selector", "matchLabels"));
		}
		List<Map<String, Object>> paths = Project.at(
				((List<Map<String, Object>>) Project.at(chart.get("Ingress", "rel-warren"), "spec", "rules")).get(0),
				"http", "paths");
		Map<String, String> backendByPath = new LinkedHashMap<>();
		Map<String, String> portByPath = new LinkedHashMap<>();
		for (Map<String, Object> path : paths) {
			String service = Project.at(path, "backend", "service", "name");
			assertThat(chart.has("Service", service)).as(service).isTrue();
			List<Map<String, Object>> ports = Project.at(chart.get("Service", service), "spec", "ports");
			String portName = Project.at(path, "backend", "service", "port", "name");
			assertThat(ports).extracting((p) -> p.get("name")).contains((Object) portName);
			backendByPath.put((String) path.get("path"), service);
			portByPath.put((String) path.get("path"), portName);
		}
		assertThat(backendByPath).containsEntry("/ws", SOCKET)
			.containsEntry("/ws/json", SOCKET)
			.containsEntry("/sockjs", SOCKET)
			.containsEntry("/v1", PUBLISHER);
		// WebSockets go to the nodes' Netty edge; SockJS needs the servlet port.
		assertThat(portByPath).containsEntry("/ws", "edge")
			.containsEntry("/ws/json", "edge")
			.containsEntry("/sockjs", "http");
		List<Map<String, Object>> containerPorts = Project.at(chart.container(SOCKET), "ports");
		assertThat(containerPorts).extracting((p) -> p.get("name")).containsExactlyInAnyOrder("http", "edge");
		Object edgePort = containerPorts.stream()
			.filter((p) -> "edge".equals(p.get("name")))
			.findFirst()
			.orElseThrow()
			.get("containerPort");
		assertThat(chart.environment(SOCKET)).containsEntry("WARREN_SOCKET_EDGE_PORT", String.valueOf(edgePort));
		// Idle WebSockets outlive the ingress's default 60 s read timeout only if it is
		// raised.
		Map<String, String> annotations = Project.at(chart.get("Ingress", "rel-warren"), "metadata", "annotations");
		assertThat(Integer.parseInt(annotations.get("nginx.ingress.kubernetes.io/proxy-read-timeout")))
			.isGreaterThan(60);
		assertThat(annotations).containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie");
	}

	@ParameterizedTest
	@MethodSource("renderings")
	void socketNodesShutDownGracefully(RenderedChart chart) {
		Map<String, Object> pod = Project.at(chart.get("Deployment", SOCKET), "spec", "template", "spec");
		List<String> preStop = Project.at(chart.container(SOCKET), "lifecycle", "preStop", "exec", "command");
		assertThat(preStop).first().isEqualTo("sleep");
		int pause = Integer.parseInt(preStop.get(1));
		// preStop pause + Spring's graceful shutdown phase (30 s) must fit in the grace
		// period.
		assertThat((Integer) pod.get("terminationGracePeriodSeconds")).isGreaterThanOrEqualTo(pause + 30);
		for (String deployment : List.of(PUBLISHER, SOCKET)) {
			assertThat(chart.environment(deployment)).containsEntry("SERVER_SHUTDOWN", "graceful")
				.containsEntry("LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs");
			Map<String, Object> security = Project.at(chart.get("Deployment", deployment), "spec", "template", "spec",
					"securityContext");
			assertThat(security).containsEntry("runAsNonRoot", true).containsEntry("runAsUser", 10001);
		}
	}

	@Test
	void shipsTheDashboardAsAConfigMapAndTheServiceMonitorOnlyWhenAsked() throws IOException {
		RenderedChart chart = RenderedChart.defaults();
		assertThat(chart.ofKind("ServiceMonitor")).isEmpty();
		Map<String, Object> dashboard = chart.get("ConfigMap", "rel-warren-dashboard");
		String json = Project.at(dashboard, "data", "warren.json");
		JsonMapper mapper = JsonMapper.builder().build();
		assertThat(mapper.readTree(json))
			.isEqualTo(mapper.readTree(Project.read("helm/warren/dashboards/warren.json")));
		assertThat(Project.<Map<String, String>>at(dashboard, "metadata", "labels")).containsEntry("grafana_dashboard",
				"1");
	}

	private static Map<String, Object> podLabels(RenderedChart chart, String deployment) {
		return Project.at(chart.get("Deployment", deployment), "spec", "template", "metadata", "labels");
	}

	private static List<Map<String, Object>> secretKeyRefs(RenderedChart chart, String deployment) {
		List<Map<String, Object>> env = Project.at(chart.container(deployment), "env");
		List<Map<String, Object>> refs = new ArrayList<>();
		for (Map<String, Object> entry : env) {
			Map<String, Object> ref = Project.at(entry, "valueFrom", "secretKeyRef");
			if (ref != null) {
				refs.add(ref);
			}
		}
		return refs;
	}

	private static void assertLintsClean(Path chart) {
		LintResult result = new Helm(chart).lint().strict().call();
		assertThat(result.getMessages()).as("helm lint messages").noneMatch((m) -> m.contains("[ERROR]"));
		assertThat(result.isFailed()).as("helm lint failed: %s", result.getMessages()).isFalse();
	}

	@SuppressWarnings("unchecked")
	private static void deepMerge(Map<String, Object> target, Map<String, Object> overlay) {
		overlay.forEach((key, value) -> {
			if (value instanceof Map && target.get(key) instanceof Map) {
				deepMerge((Map<String, Object>) target.get(key), (Map<String, Object>) value);
			}
			else {
				target.put(key, value);
			}
		});
	}

}
