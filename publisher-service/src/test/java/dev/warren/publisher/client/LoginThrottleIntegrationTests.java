package dev.warren.publisher.client;

import java.net.http.HttpResponse;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import dev.warren.publisher.IntegrationTestSupport;
import dev.warren.publisher.RawApi;

import static dev.warren.publisher.RawApi.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registration and login under low limits: an account's failures, then an address's
 * requests, end in 429 with {@code Retry-After}, the same for an unknown email.
 */
@TestPropertySource(properties = { "warren.throttle.per-address=12", "warren.throttle.per-account=3" })
class LoginThrottleIntegrationTests extends IntegrationTestSupport {

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry meters;

	private RawApi api;

	@BeforeEach
	void api() {
		this.api = new RawApi(this.port);
	}

	@Test
	void failedLoginsOfOneAccountAndRequestsOfOneAddressAreThrottled() {
		String email = "throttled-" + UUID.randomUUID() + "@example.com";
		assertThat(register(email, "right-password").statusCode()).isEqualTo(201);
		for (int i = 0; i < 3; i++) {
			assertProblem(login(email, "wrong-password"), 401, "wrong password " + i);
		}
		// The account is throttled, even for its right password, and so is an unknown
		// email after as many failures: the answers do not tell them apart.
		HttpResponse<String> throttled = assertThrottled(login(email, "right-password"), "the throttled account");
		String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
		for (int i = 0; i < 3; i++) {
			assertProblem(login(unknown, "any-password"), 401, "unknown email " + i);
		}
		HttpResponse<String> unknownThrottled = assertThrottled(login(unknown, "any-password"), "the unknown email");
		assertThat(RawApi.json(unknownThrottled.body()).path("title"))
			.isEqualTo(RawApi.json(throttled.body()).path("title"));
		// 3 + 1 + 3 + 1 + the registration: 9 of the address's 12; then the address.
		for (int i = 0; i < 3; i++) {
			register("other-" + UUID.randomUUID() + "@example.com", "password-" + i);
		}
		assertThrottled(register("late-" + UUID.randomUUID() + "@example.com", "password-x"), "the address");
		assertThat(this.meters.get("warren.abuse.throttled").tag("limit", "login-address").counter().count())
			.isPositive();
		assertThat(this.meters.get("warren.abuse.throttled").tag("limit", "login-account").counter().count())
			.isGreaterThanOrEqualTo(2);
	}

	private HttpResponse<String> assertThrottled(HttpResponse<String> response, String what) {
		assertProblem(response, 429, what);
		assertThat(response.headers().firstValue("Retry-After")).as(what)
			.hasValueSatisfying((seconds) -> assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
		return response;
	}

	private HttpResponse<String> register(String email, String password) {
		return this.api.sendJson("POST", "/v1/create-channel-client",
				"{\"name\":\"T\",\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
	}

	private HttpResponse<String> login(String email, String password) {
		return this.api.sendJson("POST", "/v1/auth/token",
				"{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}", null);
	}

}
