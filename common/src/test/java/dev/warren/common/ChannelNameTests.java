package dev.warren.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelNameTests {

	@Test
	void acceptsTheDocumentedCharset() {
		assertThat(ChannelName.isValid("Az09_.-")).isTrue();
		assertThat(ChannelName.isValid("x".repeat(128))).isTrue();
	}

	@Test
	void rejectsEmptyLongAndForeignCharacters() {
		assertThat(ChannelName.isValid("")).isFalse();
		assertThat(ChannelName.isValid(null)).isFalse();
		assertThat(ChannelName.isValid("x".repeat(129))).isFalse();
		for (String bad : new String[] { "a b", "a/b", "a*b", "a#b", "a:b", "ä", "a\nb", "%2F" }) {
			assertThat(ChannelName.isValid(bad)).as(bad).isFalse();
		}
	}

}
