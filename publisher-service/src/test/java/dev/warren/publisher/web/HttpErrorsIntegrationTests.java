package dev.warren.publisher.web;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.warren.publisher.IntegrationTestSupport;
import dev.warren.testsupport.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP error is a problem, also those Tomcat or a filter raises before Spring MVC
 * sees the request: sent over a raw socket, as a hostile client sends them.
 */
class HttpErrorsIntegrationTests extends IntegrationTestSupport {

	@LocalServerPort
	int port;

	@Test
	void errorsRaisedBeforeSpringMvcAreProblems() {
		List<String> requests = new ArrayList<>(RawHttp.HOSTILE_REQUESTS);
		requests
			.addAll(List.of("GET /no/such/path HTTP/1.1", "DELETE / HTTP/1.1", "GET /v1/rabbit-channels/%ZZ HTTP/1.1"));
		for (String request : requests) {
			RawHttp.Answer answer = RawHttp.exchange(this.port, request);
			assertThat(answer.isClientErrorProblem())
				.as("%s answered %s%n%s", request.substring(0, Math.min(60, request.length())), answer.head(),
						answer.body())
				.isTrue();
		}
		System.out.printf("%d bad requests, each answered with a problem%n", requests.size());
	}

}
