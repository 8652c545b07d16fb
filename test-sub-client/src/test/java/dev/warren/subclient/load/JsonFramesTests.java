package dev.warren.subclient.load;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JsonFramesTests {

	private final byte[][] topics = { null, JsonFrames.ascii("t-1"), JsonFrames.ascii("t-10") };

	@Test
	void findsTheSubscriptionAndTheDataOfAMessage() {
		ByteBuf topic = frame("{\"type\":\"message\",\"channel\":\"topic\",\"topic\":\"t-10\",\"id\":\"x\","
				+ "\"published_at\":1,\"data\":{\"s\":1,\"n\":2,\"t\":3,\"p\":\"\"}}");
		assertThat(JsonFrames.startsWith(topic, 0, topic.writerIndex(), JsonFrames.MESSAGE)).isTrue();
		assertThat(JsonFrames.subscription(topic, 0, topic.writerIndex(), this.topics)).isEqualTo(2);
		LoadPayload.Fields fields = new LoadPayload.Fields();
		int data = JsonFrames.data(topic, 0, topic.writerIndex());
		assertThat(LoadPayload.read(topic, data, topic.writerIndex() - 1, fields)).isTrue();
		assertThat(fields.stream).isEqualTo(1);
		assertThat(fields.sequence).isEqualTo(2);

		ByteBuf direct = frame("{\"type\":\"message\",\"channel\":\"private\",\"topic\":null,\"id\":null,"
				+ "\"published_at\":null,\"data\":{}}");
		assertThat(JsonFrames.subscription(direct, 0, direct.writerIndex(), this.topics)).isZero();
		ByteBuf unknown = frame("{\"type\":\"message\",\"channel\":\"topic\",\"topic\":\"t-2\",\"data\":{}}");
		assertThat(JsonFrames.subscription(unknown, 0, unknown.writerIndex(), this.topics)).isEqualTo(-1);
		ByteBuf connected = frame("{\"type\":\"connected\",\"request_id\":\"c\"}");
		assertThat(JsonFrames.startsWith(connected, 0, connected.writerIndex(), JsonFrames.MESSAGE)).isFalse();
		assertThat(JsonFrames.startsWith(connected, 0, connected.writerIndex(), JsonFrames.CONNECTED)).isTrue();
	}

	private static ByteBuf frame(String text) {
		return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
	}

}
