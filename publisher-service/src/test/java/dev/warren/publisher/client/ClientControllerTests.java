package dev.warren.publisher.client;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(ClientController.class)
class ClientControllerTests {

	private static final ClientSession SESSION = new ClientSession("c-1", "/user/queue/data", "tok",
			Instant.parse("2026-01-01T00:00:00Z"), "refresh", Instant.parse("2026-01-31T00:00:00Z"),
			"ws://localhost:8091/ws");

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ClientService clients;

	/** Lets everything through: the throttle has tests of its own. */
	@MockitoBean
	private LoginThrottle throttle;

	@Test
	void newClientIsCreated() throws Exception {
		given(this.clients.register(any())).willReturn(new ClientService.Registered(SESSION, true));
		this.mvc.perform(register("{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"password\":\"secret123\"}"))
			.andExpect(status().isCreated())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.clientId").value("c-1"))
			.andExpect(jsonPath("$.channel").value("/user/queue/data"))
			.andExpect(jsonPath("$.token").value("tok"))
			.andExpect(jsonPath("$.tokenExpiresAt").value("2026-01-01T00:00:00Z"))
			.andExpect(jsonPath("$.socketUrl").value("ws://localhost:8091/ws"));
	}

	@Test
	void knownClientIsOk() throws Exception {
		given(this.clients.register(any())).willReturn(new ClientService.Registered(SESSION, false));
		this.mvc.perform(register("{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"password\":\"secret123\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.clientId").value("c-1"));
	}

	@Test
	void wrongPasswordIsUnauthorizedProblem() throws Exception {
		given(this.clients.register(any())).willThrow(new InvalidCredentialsException());
		this.mvc.perform(register("{\"name\":\"Ann\",\"email\":\"ann@example.com\",\"password\":\"wrong-one\"}"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401));
	}

	@Test
	void invalidFieldsAreNamed() throws Exception {
		this.mvc.perform(register("{\"name\":\"\",\"email\":\"nope\",\"password\":\"short\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors.name").exists())
			.andExpect(jsonPath("$.errors.email").exists())
			.andExpect(jsonPath("$.errors.password").exists());
		verifyNoInteractions(this.clients);
	}

	@Test
	void missingFieldsAreNamed() throws Exception {
		this.mvc.perform(register("{}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors.name").exists())
			.andExpect(jsonPath("$.errors.email").exists())
			.andExpect(jsonPath("$.errors.password").exists());
	}

	@Test
	void wrongTypeIsNamed() throws Exception {
		this.mvc.perform(register("{\"name\":{\"first\":\"Ann\"},\"email\":\"ann@example.com\",\"password\":\"x\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors.name").exists());
	}

	@Test
	void malformedJsonIsABadRequestProblem() throws Exception {
		this.mvc.perform(register("{\"name\":"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors").exists());
		this.mvc.perform(register("")).andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors.body").exists());
	}

	@Test
	void loginAnswersASession() throws Exception {
		given(this.clients.login(any())).willReturn(SESSION);
		this.mvc
			.perform(post("/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\":\"ann@example.com\",\"password\":\"secret123\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.token").value("tok"));
	}

	@Test
	void loginWithWrongPasswordIsUnauthorized() throws Exception {
		given(this.clients.login(any())).willThrow(new InvalidCredentialsException());
		this.mvc
			.perform(post("/v1/auth/token").contentType(MediaType.APPLICATION_JSON)
				.content("{\"email\":\"ann@example.com\",\"password\":\"nope\"}"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private static org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder register(String body) {
		return post("/v1/create-channel-client").contentType(MediaType.APPLICATION_JSON).content(body);
	}

}
