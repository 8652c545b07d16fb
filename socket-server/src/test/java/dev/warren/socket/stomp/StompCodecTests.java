package dev.warren.socket.stomp;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.warren.socket.hub.Refusal;

import static org.assertj.core.api.Assertions.assertThat;

class StompCodecTests {

	private final StompCodec stomp = new StompCodec(10_000, 20_000, new StompHeaderLimits(32, 8192));

	@Test
	void answersWithTheHighestVersionBothSpeak() {
		assertThat(StompCodec.version(null)).isEqualTo("1.0");
		assertThat(StompCodec.version(Set.of())).isEqualTo("1.0");
		assertThat(StompCodec.version(Set.of("1.0", "1.1", "1.2"))).isEqualTo("1.2");
		assertThat(StompCodec.version(Set.of("1.1", "1.0"))).isEqualTo("1.1");
		assertThat(StompCodec.version(Set.of("2.0"))).isNull();
	}

	@Test
	void heartBeatPeriodIsTheLargerOfBothSidesOrNone() {
		assertThat(StompCodec.interval(10_000, 4_000)).isEqualTo(10_000);
		assertThat(StompCodec.interval(10_000, 25_000)).isEqualTo(25_000);
		assertThat(StompCodec.interval(0, 25_000)).isZero();
		assertThat(StompCodec.interval(10_000, 0)).isZero();
	}

	@Test
	void encodesConnectedReceiptAndError() {
		assertThat(text(this.stomp.connected("1.2", "alice")))
			.isEqualTo("CONNECTED\nversion:1.2\nheart-beat:10000,20000\nuser-name:alice\n\n\0");
		assertThat(text(this.stomp.connected("1.0", "alice"))).doesNotContain("version:");
		assertThat(text(this.stomp.receipt("r:1"))).isEqualTo("RECEIPT\nreceipt-id:r\\c1\n\n\0");
		assertThat(text(this.stomp.error(Refusal.unauthorized("token expired"), null))).startsWith("ERROR\n")
			.contains("message:Unauthorized\n")
			.endsWith("\n\ntoken expired\0");
	}

	private static String text(byte[] frame) {
		return new String(frame, StandardCharsets.UTF_8);
	}

}
