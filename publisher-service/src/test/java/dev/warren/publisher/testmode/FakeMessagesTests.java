package dev.warren.publisher.testmode;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class FakeMessagesTests {

	private final JsonMapper json = JsonMapper.builder().build();

	private final FakeMessages messages = new FakeMessages(this.json,
			Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));

	@Test
	void eachMessageIsJsonWithTypedFields() {
		JsonNode message = this.json.readTree(this.messages.next(7));
		assertThat(message.get("id").isString()).isTrue();
		assertThat(message.get("seq").asLong()).isEqualTo(7);
		assertThat(message.get("timestamp").isIntegralNumber()).isTrue();
		assertThat(message.get("timestamp").asLong()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z").toEpochMilli());
		assertThat(message.get("symbol").asString()).matches("[A-Z]+(-USD)?");
		assertThat(message.get("price").isNumber()).isTrue();
		assertThat(message.get("price").asDouble()).isPositive();
		assertThat(message.get("volume").isIntegralNumber()).isTrue();
		assertThat(message.get("volume").asInt()).isBetween(1, 5000);
		assertThat(message.get("side").asString()).isIn("BUY", "SELL");
	}

	@Test
	void idsAreUnique() {
		Set<String> ids = new HashSet<>();
		for (int i = 1; i <= 1000; i++) {
			ids.add(this.json.readTree(this.messages.next(i)).get("id").asString());
		}
		assertThat(ids).hasSize(1000);
	}

}
