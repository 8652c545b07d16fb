package dev.warren.subclient.report;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageLineTests {

	@Test
	void jsonBodyIsEmbeddedAsJson() {
		String line = MessageLine.format("/user/queue/data", "abc-1", 1000, 7,
				"{\"price\":1.5,\"symbol\":\"EUR\"}".getBytes(StandardCharsets.UTF_8));
		assertThat(line).isEqualTo("{\"destination\":\"/user/queue/data\",\"warrenId\":\"abc-1\",\"publishedAt\":1000,"
				+ "\"latencyMs\":7,\"body\":{\"price\":1.5,\"symbol\":\"EUR\"}}");
	}

	@Test
	void otherBodiesAreEmbeddedAsStrings() {
		String line = MessageLine.format("/topic/t", "x", 1, 0, "{not json\n".getBytes(StandardCharsets.UTF_8));
		assertThat(line).endsWith("\"body\":\"{not json\\n\"}").doesNotContain("\n\"");
		assertThat(MessageLine.format("/topic/t", "x", 1, 0, "plain".getBytes(StandardCharsets.UTF_8)))
			.endsWith("\"body\":\"plain\"}");
	}

	@Test
	void missingHeadersBecomeNull() {
		assertThat(MessageLine.format("/topic/t", null, -1, -1, new byte[0])).isEqualTo(
				"{\"destination\":\"/topic/t\",\"warrenId\":null,\"publishedAt\":null,\"latencyMs\":null,\"body\":\"\"}");
	}

}
