package dev.warren.publisher;

import java.io.IOException;
import java.util.List;

import org.springframework.boot.resttestclient.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Sends every request of a test's {@link TestRestTemplate} with the admin token, as an
 * operator's tooling would; tests of the credentials themselves use their own client.
 */
public final class AdminBearer {

	private AdminBearer() {
	}

	/**
	 * Adds the token to {@code http}'s requests, once.
	 * @param http the shared test client
	 * @param token the admin token
	 */
	public static void authenticate(TestRestTemplate http, String token) {
		List<ClientHttpRequestInterceptor> interceptors = http.getRestTemplate().getInterceptors();
		if (interceptors.stream().noneMatch(Interceptor.class::isInstance)) {
			interceptors.add(new Interceptor(token));
		}
	}

	private record Interceptor(String token) implements ClientHttpRequestInterceptor {

		@Override
		public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
				throws IOException {
			if (!request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
				request.getHeaders().setBearerAuth(this.token);
			}
			return execution.execute(request, body);
		}

	}

}
