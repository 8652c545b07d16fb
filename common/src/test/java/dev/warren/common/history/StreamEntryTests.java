package dev.warren.common.history;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StreamEntryTests {

	@Test
	void deliveriesComeOutAsTheyWentIn() {
		StreamEntry.Writer writer = new StreamEntry.Writer();
		writer.add("client.alice", "application/json", Map.of("warren-id", "a-1", "warren-published-at", 1700L),
				bytes("{\"n\":1}"));
		writer.add("topic.news", null, null, new byte[0]);
		writer.add("broadcast", "text/plain", Map.of("flag", true, "count", 3), bytes("hi"));
		assertThat(writer.count()).isEqualTo(3);
		List<String> read = new ArrayList<>();
		StreamEntry.read(writer.toByteArray(), writer.count(),
				(index, routingKey, contentType, headers,
						body) -> read.add(index + " " + routingKey + " " + contentType + " "
								+ new java.util.TreeMap<>(headers).toString().replace(" ", "") + " "
								+ new String(body, StandardCharsets.UTF_8)));
		assertThat(read).containsExactly(
				"0 client.alice application/json {warren-id=a-1,warren-published-at=1700} {\"n\":1}",
				"1 topic.news null {} ", "2 broadcast text/plain {count=3,flag=true} hi");
	}

	@Test
	void aLongHeaderComesBackAsALong() {
		StreamEntry.Writer writer = new StreamEntry.Writer();
		writer.add("broadcast", null, Map.of("warren-published-at", 1_700_000_000_000L), new byte[0]);
		StreamEntry.read(writer.toByteArray(), 1, (index, routingKey, contentType, headers,
				body) -> assertThat(headers.get("warren-published-at")).isEqualTo(1_700_000_000_000L));
	}

	@Test
	void aWriterIsReusedAfterReset() {
		StreamEntry.Writer writer = new StreamEntry.Writer();
		writer.add("client.a", null, null, bytes("one"));
		writer.reset();
		writer.add("client.b", null, null, bytes("two"));
		List<String> keys = new ArrayList<>();
		StreamEntry.read(writer.toByteArray(), writer.count(),
				(index, routingKey, contentType, headers, body) -> keys.add(routingKey));
		assertThat(keys).containsExactly("client.b");
	}

	@Test
	void aDeliveryThatCannotBeEncodedLeavesTheEntryAsItWas() {
		StreamEntry.Writer writer = new StreamEntry.Writer();
		writer.add("client.a", null, null, bytes("one"));
		int size = writer.size();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> writer.add("client.b", null, Map.of("odd", new Object()), bytes("two")));
		assertThat(writer.count()).isEqualTo(1);
		assertThat(writer.size()).isEqualTo(size);
	}

	@Test
	void aTruncatedEntryIsRefused() {
		StreamEntry.Writer writer = new StreamEntry.Writer();
		writer.add("client.a", null, null, bytes("one"));
		writer.add("client.b", null, null, bytes("two"));
		byte[] body = writer.toByteArray();
		byte[] truncated = Arrays.copyOf(body, body.length - 2);
		List<String> keys = new ArrayList<>();
		assertThatIllegalArgumentException().isThrownBy(() -> StreamEntry.read(truncated, 2,
				(index, routingKey, contentType, headers, payload) -> keys.add(routingKey)));
		assertThat(keys).containsExactly("client.a");
	}

	@Test
	void numbersOrderTheDeliveriesOfEveryEntry() {
		assertThat(StreamEntry.number(0, 0)).isZero();
		assertThat(StreamEntry.number(7, 3)).isEqualTo(7 * StreamEntry.SPAN + 3);
		assertThat(StreamEntry.number(7, StreamEntry.SPAN - 1)).isLessThan(StreamEntry.number(8, 0));
		assertThat(StreamEntry.offsetOf(StreamEntry.number(7, 3))).isEqualTo(7);
		assertThat(StreamEntry.count(Map.of(StreamEntry.COUNT_HEADER, 5))).isEqualTo(5);
		assertThat(StreamEntry.count(null)).isZero();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
