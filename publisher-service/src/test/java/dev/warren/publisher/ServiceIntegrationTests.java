package dev.warren.publisher;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceIntegrationTests extends IntegrationTestSupport {

	@Test
	void rootAnswersUp() {
		ResponseEntity<Map> response = this.http.getForEntity("/", Map.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).containsEntry("service", "publisher-service")
			.containsEntry("status", "UP")
			.containsKey("version");
	}

	@Test
	void unknownPathIsAProblem() {
		ResponseEntity<String> response = this.http.getForEntity("/no/such/path", String.class);
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void openApiDescribesTheApi() {
		ResponseEntity<String> docs = this.http.getForEntity("/v3/api-docs", String.class);
		assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(docs.getBody()).contains("/v1/create-channel-client", "/v1/auth/token", "/v1/rabbit-channels",
				"/v1/create-rabbit-ch", "/v1/publish-data-over-ch");
		assertThat(this.http.getForEntity("/swagger-ui.html", String.class).getStatusCode().is2xxSuccessful()
				|| this.http.getForEntity("/swagger-ui.html", String.class).getStatusCode().is3xxRedirection())
			.isTrue();
		assertThat(this.http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void healthAndPrometheus() {
		ResponseEntity<Map> health = this.http.getForEntity("/actuator/health", Map.class);
		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(health.getBody()).containsEntry("status", "UP");
		ResponseEntity<String> prometheus = this.http.getForEntity("/actuator/prometheus", String.class);
		assertThat(prometheus.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(prometheus.getBody()).contains("warren_ingest_messages_total",
				"warren_ingest_dead_lettered_total{reason=\"invalid-routing-key\"}",
				"warren_ingest_dead_lettered_total{reason=\"body-too-large\"}");
	}

}
