package dev.warren.socket.hub;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PositionTests {

	@Test
	void aFormattedPositionNamesItsMessageOnly() {
		Position position = Position.parse(Position.format(42, "abc-1"));
		assertThat(position.offset()).isEqualTo(42);
		assertThat(position.names(42, "abc-1")).isTrue();
		assertThat(position.names(42, "abc-2")).as("another message at that offset").isFalse();
		assertThat(position.names(43, "abc-1")).isFalse();
		assertThat(Position.parse(Position.format(7, null)).names(7, null)).isTrue();
	}

	@Test
	void textThatIsNoPositionIsNone() {
		assertThat(Position.parse(null)).isNull();
		for (String text : new String[] { "", "yesterday", "12", "-3-x", "12-", "x-12", "9".repeat(30) + "-a",
				"1-" + "a".repeat(60) }) {
			assertThat(Position.parse(text)).as(text).isNull();
		}
	}

}
