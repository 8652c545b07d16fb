package dev.warren.subclient.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.messaging.simp.stomp.StompHeaders;

import dev.warren.subclient.report.Summary;

import static org.assertj.core.api.Assertions.assertThat;

class ReceivedMessagesTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	@Test
	void printsALinePerMessageAndEndsAtTheLimit() {
		ReceivedMessages messages = messages(false, 2);
		messages.onMessage("/user/queue/data", headers("a", System.currentTimeMillis()), json("{\"n\":1}"));
		messages.onMessage("/topic/t", headers("b", System.currentTimeMillis()), json("x"));
		messages.onMessage("/topic/t", headers("c", System.currentTimeMillis()), json("beyond the limit"));
		messages.awaitEnd(null);
		Summary summary = messages.finish("c-1", 1000);
		assertThat(summary.received()).isEqualTo(2);
		assertThat(summary.latencies().count()).isEqualTo(2);
		assertThat(text().lines()).hasSize(2)
			.satisfiesExactly((line) -> assertThat(line).startsWith("{\"destination\":\"/user/queue/data\"")
				.contains("\"warrenId\":\"a\"")
				.endsWith("\"body\":{\"n\":1}}"), (line) -> assertThat(line).endsWith("\"body\":\"x\"}"));
		assertThat(messages.failure()).isNull();
	}

	@Test
	void latencyComesFromThePublishedAtHeader() {
		ReceivedMessages messages = messages(false, 10);
		long anHourAgo = System.currentTimeMillis() - 3_600_000;
		messages.onMessage("/topic/t", headers("a", anHourAgo), json("{}"));
		assertThat(messages.finish("c-1", 1).latencies().max()).isBetween(3_590_000L, 3_610_000L);
		assertThat(text()).contains("\"publishedAt\":" + anHourAgo + ",\"latencyMs\":36");
	}

	@Test
	void messagesWithoutHeadersAreCountedButNotMeasured() {
		ReceivedMessages messages = messages(true, 10);
		StompHeaders headers = new StompHeaders();
		headers.add("warren-published-at", "not a number");
		messages.onMessage("/topic/t", headers, json("{}"));
		Summary summary = messages.finish("c-1", 1);
		assertThat(summary.received()).isEqualTo(1);
		assertThat(summary.latencies().count()).isZero();
		assertThat(text()).isEmpty();
	}

	@Test
	void nothingIsPrintedAfterTheSummary() {
		ReceivedMessages messages = messages(false, 10);
		messages.finish("c-1", 1);
		messages.onMessage("/topic/t", headers("late", System.currentTimeMillis()), json("{}"));
		assertThat(text()).isEmpty();
	}

	@Test
	void errorFrameEndsTheRunWithItsMessageAndBody() {
		ReceivedMessages messages = messages(false, 10);
		messages.onError("Unauthorized", "token expired\n");
		messages.onConnectionLost(new IllegalStateException("closed"));
		messages.awaitEnd(null);
		assertThat(messages.failure()).isEqualTo("server sent ERROR: Unauthorized (token expired)");
	}

	@Test
	void errorsAfterTheSummaryDoNotCount() {
		ReceivedMessages messages = messages(false, 1);
		messages.onMessage("/topic/t", headers("a", System.currentTimeMillis()), json("{}"));
		messages.finish("c-1", 1);
		messages.onError("Session closed.", "");
		messages.onConnectionLost(new IllegalStateException("closed"));
		assertThat(messages.failure()).isNull();
	}

	@Test
	void stopEndsTheRun() {
		ReceivedMessages messages = messages(false, Long.MAX_VALUE);
		messages.stop();
		messages.awaitEnd(null);
		assertThat(messages.failure()).isNull();
	}

	private ReceivedMessages messages(boolean quiet, long limit) {
		return new ReceivedMessages(new PrintStream(this.out, true, StandardCharsets.UTF_8), quiet, limit);
	}

	private static StompHeaders headers(String id, long publishedAt) {
		StompHeaders headers = new StompHeaders();
		headers.add("warren-id", id);
		headers.add("warren-published-at", Long.toString(publishedAt));
		return headers;
	}

	private static byte[] json(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}

	private String text() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

}
