package dev.warren.subclient.load;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import dev.warren.subclient.load.StompFrameScanner.Command;
import dev.warren.subclient.load.StompFrameScanner.ScannedFrame;

import static org.assertj.core.api.Assertions.assertThat;

class StompFrameScannerTests {

	private final ScannedFrame frame = new ScannedFrame();

	@Test
	void messageGivesSubscriptionAndBodyWithoutContentLength() {
		ByteBuf buf = ascii("MESSAGE\ndestination:/topic/a\nsubscription:12\nmessage-id:x-1\n\n{\"a\":1}\0");
		int next = StompFrameScanner.next(buf, 0, buf.writerIndex(), this.frame);
		assertThat(next).isEqualTo(buf.writerIndex());
		assertThat(this.frame.command).isEqualTo(Command.MESSAGE);
		assertThat(this.frame.subscription).isEqualTo(12);
		assertThat(body(buf)).isEqualTo("{\"a\":1}");
	}

	@Test
	void contentLengthAllowsNulInsideTheBody() {
		ByteBuf buf = ascii("MESSAGE\nsubscription:0\ncontent-length:3\n\na\0b\0");
		int next = StompFrameScanner.next(buf, 0, buf.writerIndex(), this.frame);
		assertThat(next).isEqualTo(buf.writerIndex());
		assertThat(this.frame.bodyEnd - this.frame.bodyStart).isEqualTo(3);
	}

	@Test
	void severalFramesAndHeartbeatsInOneBuffer() {
		ByteBuf buf = ascii("\n\r\nRECEIPT\nreceipt-id:3\n\n\0\nMESSAGE\r\nsubscription:1\r\n\r\nhi\0\n");
		int next = StompFrameScanner.next(buf, 0, buf.writerIndex(), this.frame);
		assertThat(this.frame.command).isEqualTo(Command.RECEIPT);
		assertThat(this.frame.receiptId).isEqualTo(3);
		next = StompFrameScanner.next(buf, next, buf.writerIndex(), this.frame);
		assertThat(this.frame.command).isEqualTo(Command.MESSAGE);
		assertThat(this.frame.subscription).isEqualTo(1);
		assertThat(body(buf)).isEqualTo("hi");
		assertThat(StompFrameScanner.next(buf, next, buf.writerIndex(), this.frame)).isEqualTo(-1);
		assertThat(this.frame.command).isEqualTo(Command.NONE);
	}

	@Test
	void errorFrameKeepsItsMessageHeader() {
		ByteBuf buf = ascii("ERROR\nmessage:Unauthorized\ncontent-type:text/plain\n\nbad token\0");
		StompFrameScanner.next(buf, 0, buf.writerIndex(), this.frame);
		assertThat(this.frame.command).isEqualTo(Command.ERROR);
		assertThat(this.frame.errorMessage).isEqualTo("Unauthorized");
	}

	@Test
	void connectedAndUnknownCommandsAreToldApart() {
		ByteBuf buf = ascii("CONNECTED\nversion:1.2\nheart-beat:0,0\n\n\0");
		StompFrameScanner.next(buf, 0, buf.writerIndex(), this.frame);
		assertThat(this.frame.command).isEqualTo(Command.CONNECTED);
		buf = ascii("MESSAGES\n\n\0");
		StompFrameScanner.next(buf, 0, buf.writerIndex(), this.frame);
		assertThat(this.frame.command).isEqualTo(Command.OTHER);
	}

	@Test
	void nonNumericSubscriptionIsMinusOne() {
		ByteBuf buf = ascii("MESSAGE\nsubscription:sub-1\n\nx\0");
		StompFrameScanner.next(buf, 0, buf.writerIndex(), this.frame);
		assertThat(this.frame.subscription).isEqualTo(-1);
	}

	@Test
	void truncatedFramesAreMalformed() {
		for (String cut : new String[] { "MESSAGE", "MESSAGE\nsubscription:1\n", "MESSAGE\nsubscription:1\n\nbody",
				"MESSAGE\ncontent-length:10\n\nshort\0" }) {
			ByteBuf buf = ascii(cut);
			assertThat(StompFrameScanner.next(buf, 0, buf.writerIndex(), this.frame)).as(cut).isEqualTo(-1);
			assertThat(this.frame.command).as(cut).isEqualTo(Command.MALFORMED);
		}
	}

	@Test
	void scansFromTheGivenOffset() {
		ByteBuf buf = ascii("garbageMESSAGE\nsubscription:7\n\nok\0");
		StompFrameScanner.next(buf, 7, buf.writerIndex(), this.frame);
		assertThat(this.frame.subscription).isEqualTo(7);
		assertThat(body(buf)).isEqualTo("ok");
	}

	private String body(ByteBuf buf) {
		return buf.toString(this.frame.bodyStart, this.frame.bodyEnd - this.frame.bodyStart, StandardCharsets.UTF_8);
	}

	private static ByteBuf ascii(String text) {
		return Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8));
	}

}
