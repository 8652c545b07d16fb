package dev.warren.socket.json;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.util.MimeTypeUtils;

import dev.warren.common.RoutingKey;
import dev.warren.common.record.RecordOp;
import dev.warren.socket.node.Delivery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON {@code message} frames of record operations and encrypted messages.
 */
class JsonEncoderTests {

	private final JsonEncoder encoder = new JsonEncoder(JsonMapper.builder().build());

	@Test
	void recordOperationsAndEncryptionAreFieldsOfTheMessage() {
		Delivery sealed = new Delivery("gAAAA".getBytes(StandardCharsets.US_ASCII), MimeTypeUtils.APPLICATION_JSON,
				"id-2", "1700000000000", null, null, 7, "7-x", RecordOp.of("upsert", "people", "p:\"1"), "fernet",
				null);
		assertThat(text(RoutingKey.client("c"), sealed)).isEqualTo("{\"type\":\"message\",\"channel\":\"private\","
				+ "\"topic\":null,\"id\":\"id-2\",\"published_at\":1700000000000,\"position\":\"7-x\","
				+ "\"encryption\":\"fernet\",\"op\":\"upsert\",\"collection\":\"people\",\"key\":\"p:\\\"1\","
				+ "\"data\":\"gAAAA\"}");
		Delivery clear = new Delivery(new byte[0], MimeTypeUtils.APPLICATION_JSON, "id-3", "1", null, null, 8, "8-y",
				RecordOp.of("clear", "people", null), null, null);
		assertThat(text(RoutingKey.topic("staff"), clear))
			.contains(",\"op\":\"clear\",\"collection\":\"people\",\"data\":")
			.doesNotContain("\"key\"")
			.doesNotContain("encryption");
	}

	private String text(RoutingKey target, Delivery delivery) {
		return new String(this.encoder.encode(target, delivery).bytes(), StandardCharsets.UTF_8);
	}

}
