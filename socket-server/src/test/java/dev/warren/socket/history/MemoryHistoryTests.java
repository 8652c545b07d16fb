package dev.warren.socket.history;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.util.MimeTypeUtils;

import dev.warren.common.RoutingKey;
import dev.warren.socket.node.Delivery;

import static org.assertj.core.api.Assertions.assertThat;

class MemoryHistoryTests {

	@Test
	void readsTheRangeAskedForInOrder() {
		MemoryHistory history = new MemoryHistory(Duration.ofMinutes(1), 1_000_000);
		for (long offset = 0; offset < 10; offset++) {
			history.record(offset, RoutingKey.client("c"), delivery(offset));
		}
		assertThat(read(history, 3, 6)).containsExactly(3L, 4L, 5L, 6L);
		assertThat(read(history, 8, 20)).containsExactly(8L, 9L);
	}

	@Test
	void keepsNoMoreBytesThanItMay() {
		// 160 bytes of bookkeeping plus a 10-byte body each: room for two.
		MemoryHistory history = new MemoryHistory(Duration.ofMinutes(1), 2 * 170);
		for (long offset = 0; offset < 5; offset++) {
			history.record(offset, RoutingKey.client("c"), delivery(offset));
		}
		assertThat(history.size()).isEqualTo(2);
		assertThat(read(history, 0, 10)).containsExactly(3L, 4L);
	}

	@Test
	void forgetsWhatIsOlderThanItsAge() throws InterruptedException {
		MemoryHistory history = new MemoryHistory(Duration.ofMillis(20), 1_000_000);
		history.record(0, RoutingKey.client("c"), delivery(0));
		Thread.sleep(50);
		history.record(1, RoutingKey.client("c"), delivery(1));
		assertThat(read(history, 0, 10)).containsExactly(1L);
	}

	private static List<Long> read(MemoryHistory history, long from, long through) {
		List<Long> offsets = new ArrayList<>();
		history.read(from, through, Duration.ofSeconds(1), (offset, target, delivery) -> offsets.add(offset));
		return offsets;
	}

	private static Delivery delivery(long offset) {
		return new Delivery("0123456789".getBytes(StandardCharsets.UTF_8), MimeTypeUtils.APPLICATION_JSON,
				"id-" + offset, null, null, null, offset, null);
	}

}
