package dev.warren.subclient.load;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class LoadPayloadTests {

	private final LoadPayload.Fields fields = new LoadPayload.Fields();

	@Test
	void encodesValidJsonOfTheRequestedSize() {
		byte[] body = LoadPayload.encode(3, 42, 123_456_789L, 100);
		assertThat(body).hasSize(100);
		JsonNode json = JsonMapper.builder().build().readTree(body);
		assertThat(json.path("s").asInt()).isEqualTo(3);
		assertThat(json.path("n").asLong()).isEqualTo(42);
		assertThat(json.path("t").asLong()).isEqualTo(123_456_789L);
	}

	@Test
	void growsBeyondTheSizeWhenTheNumbersNeedIt() {
		byte[] body = LoadPayload.encode(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, 10);
		assertThat(new String(body, StandardCharsets.US_ASCII)).endsWith(",\"p\":\"\"}");
	}

	@Test
	void readsBackWhatWasEncoded() {
		byte[] body = LoadPayload.encode(5007, 9_876_543_210L, 55_000_111L, 120);
		assertThat(LoadPayload.read(Unpooled.wrappedBuffer(body), 0, body.length, this.fields)).isTrue();
		assertThat(this.fields.stream).isEqualTo(5007);
		assertThat(this.fields.sequence).isEqualTo(9_876_543_210L);
		assertThat(this.fields.sentNanos).isEqualTo(55_000_111L);
	}

	@Test
	void readsWithinAWiderBuffer() {
		byte[] body = LoadPayload.encode(1, 2, 3, 40);
		byte[] frame = new byte[body.length + 20];
		System.arraycopy(body, 0, frame, 10, body.length);
		assertThat(LoadPayload.read(Unpooled.wrappedBuffer(frame), 10, 10 + body.length, this.fields)).isTrue();
		assertThat(this.fields.sequence).isEqualTo(2);
	}

	@Test
	void refusesBodiesThatAreNotLoadPayloads() {
		for (String other : new String[] { "", "{}", "{\"s\":1}", "{\"s\":x,\"n\":1,\"t\":1,\"p\":\"\"}",
				"{\"s\":1,\"n\":,\"t\":1,\"p\":\"\"}", "{\"s\":1,\"n\":2,\"t\":3}", "hello",
				"{\"s\":99999999999,\"n\":1,\"t\":1,\"p\":\"\"}" }) {
			byte[] bytes = other.getBytes(StandardCharsets.US_ASCII);
			assertThat(LoadPayload.read(Unpooled.wrappedBuffer(bytes), 0, bytes.length, this.fields)).as(other)
				.isFalse();
		}
	}

}
