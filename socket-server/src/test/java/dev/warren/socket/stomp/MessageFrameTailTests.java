package dev.warren.socket.stomp;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.util.MimeTypeUtils;

import dev.warren.common.RoutingKey;
import dev.warren.common.record.RecordOp;
import dev.warren.socket.edge.EdgeOutlet;
import dev.warren.socket.node.Delivery;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MESSAGE frames as the node writes them, without a broker or a socket.
 */
class MessageFrameTailTests {

	private final MessageFrameTail tails = new MessageFrameTail("t");

	@Test
	void theTailCarriesWarrensHeadersTheBodyAndTheNul() {
		Delivery delivery = new Delivery("{\"é\":1}".getBytes(StandardCharsets.UTF_8), MimeTypeUtils.APPLICATION_JSON,
				"id-1", "1700000000000");
		String tail = new String(this.tails.encode("/topic/prices", delivery), StandardCharsets.UTF_8);
		assertThat(tail).isEqualTo("\ndestination:/topic/prices\ncontent-type:application/json\nmessage-id:id-1"
				+ "\nwarren-id:id-1\nwarren-published-at:1700000000000\ncontent-length:8\n\n{\"é\":1}\0");
		// The text form counts bytes, not characters.
		assertThat(this.tails.build("/topic/prices", delivery)).isEqualTo(tail);
	}

	@Test
	void recordOperationsAndEncryptionTravelAsHeaders() {
		Delivery delivery = new Delivery("gAAAA".getBytes(StandardCharsets.US_ASCII), MimeTypeUtils.APPLICATION_JSON,
				"id-2", "1700000000000", null, null, 7, "7-x", RecordOp.of("upsert", "people", "p:1"), "fernet", null);
		assertThat(new String(this.tails.encode("/user/queue/data", delivery), StandardCharsets.UTF_8))
			.contains("\nwarren-encryption:fernet\nwarren-op:upsert\nwarren-collection:people\nwarren-key:p\\c1\n")
			.contains("\nwarren-position:7-x\n");
		Delivery clear = new Delivery(new byte[0], MimeTypeUtils.APPLICATION_JSON, "id-3", null, null, null, 8, "8-y",
				RecordOp.of("clear", "people", null), null, null);
		assertThat(new String(this.tails.encode("/topic/staff", clear), StandardCharsets.UTF_8))
			.contains("\nwarren-op:clear\nwarren-collection:people\n")
			.doesNotContain("warren-key")
			.doesNotContain("warren-encryption");
	}

	@Test
	void headerValuesAreEscapedAsStomp12Says() {
		assertThat(MessageFrameTail.escape("plain")).isSameAs("plain");
		assertThat(MessageFrameTail.escape("a:b\\c\nd\re")).isEqualTo("a\\cb\\\\c\\nd\\re");
		Delivery delivery = new Delivery(new byte[0], MimeTypeUtils.TEXT_PLAIN, "x:y", null);
		assertThat(new String(this.tails.encode("/user/queue/data", delivery), StandardCharsets.UTF_8))
			.contains("\nmessage-id:x\\cy\nwarren-id:x\\cy\n")
			.doesNotContain("warren-published-at");
	}

	@Test
	void messagesWithoutAnIdGetOneOfTheNodesOwn() {
		Delivery delivery = new Delivery(new byte[] { 1 }, MimeTypeUtils.APPLICATION_OCTET_STREAM, null, null);
		assertThat(new String(this.tails.encode("/topic/t", delivery), StandardCharsets.ISO_8859_1))
			.contains("\nmessage-id:t1\n")
			.doesNotContain("warren-id");
		assertThat(MessageFrameTail.isText(MimeTypeUtils.APPLICATION_OCTET_STREAM)).isFalse();
		assertThat(MessageFrameTail.isText(MimeTypeUtils.TEXT_PLAIN)).isTrue();
		assertThat(MessageFrameTail.isText(MimeTypeUtils.parseMimeType("application/vnd.x+json"))).isTrue();
	}

	@Test
	void theEdgeFrameIsTheSubscriptionLineThenTheTail() {
		StompEdgeEncoder encoder = new StompEdgeEncoder();
		assertThat(new String(encoder.prefix("sub:1"), StandardCharsets.UTF_8))
			.isEqualTo("MESSAGE\nsubscription:sub\\c1");
		Delivery text = new Delivery("hi".getBytes(StandardCharsets.UTF_8), MimeTypeUtils.TEXT_PLAIN, "i", null);
		EdgeOutlet.Payload topic = encoder.encode(RoutingKey.topic("t"), text);
		assertThat(topic.text()).isTrue();
		assertThat(new String(topic.bytes(), StandardCharsets.UTF_8)).startsWith("\ndestination:/topic/t\n");
		EdgeOutlet.Payload broadcast = encoder.encode(RoutingKey.broadcast(),
				new Delivery(new byte[] { (byte) 0xff }, MimeTypeUtils.APPLICATION_OCTET_STREAM, "i", null));
		assertThat(broadcast.text()).isFalse();
		assertThat(new String(broadcast.bytes(), StandardCharsets.ISO_8859_1))
			.startsWith("\ndestination:/user/queue/data\n");
	}

}
