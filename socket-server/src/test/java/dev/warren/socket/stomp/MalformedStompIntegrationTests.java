package dev.warren.socket.stomp;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.warren.socket.support.RawWebSocket;
import dev.warren.socket.support.SocketServerIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * STOMP input that can never succeed gets an ERROR frame with a plain reason, then a
 * close; on the servlet path here, on the edge in the subclass.
 */
@ExtendWith(OutputCaptureExtension.class)
class MalformedStompIntegrationTests extends SocketServerIntegrationTest {

	@Test
	void aBadFrameIsLoggedOnceAndBrieflyWithoutAStackTrace(CapturedOutput output) throws Exception {
		int start = output.length();
		String marker = "BAD" + System.nanoTime();
		assertThat(answerTo(marker + "\n\n\0")).contains("message:Invalid STOMP frame");
		assertThat(answerTo("SEND\ndestination:/topic/x\n\n" + "x".repeat(200 * 1024) + "\0"))
			.contains("message:Frame too large");
		await().atMost(timeout()).until(() -> occurrences(output.toString().substring(start), "Frame too large") == 1);
		String logged = output.toString().substring(start);
		assertThat(occurrences(logged, "Invalid STOMP frame")).isOne();
		assertThat(logged).doesNotContain("\tat ").doesNotContain("Caused by");
		assertThat(logged.lines().count()).as(logged).isLessThan(12);
	}

	@Test
	void unknownAndLowerCaseCommandsGetAnErrorFrame() throws Exception {
		for (String frame : List.of("connect\naccept-version:1.2\n\n\0", "HELLO\n\n\0")) {
			String answer = answerTo(frame);
			assertThat(answer).as(frame).contains("ERROR").contains("message:Invalid STOMP frame");
			assertThat(answer).doesNotContain("enum").doesNotContain("Exception");
		}
	}

	@Test
	void framesWithTooManyOrTooLongHeadersGetAnErrorFrame() throws Exception {
		StringBuilder many = new StringBuilder();
		for (int i = 0; i < 33; i++) {
			many.append("x-").append(i).append(":v\n");
		}
		assertThat(answerTo(connect("accept-version:1.2\n" + many))).contains("ERROR")
			.contains("message:Too many headers")
			.contains("warren.socket.max-frame-headers");
		assertThat(answerTo(connect("accept-version:1.2\nx-long:" + "v".repeat(8200) + "\n"))).contains("ERROR")
			.contains("message:Header too long");
		// At the limit (32 with accept-version and Authorization) a frame is read as
		// usual.
		StringBuilder enough = new StringBuilder("accept-version:1.2\n");
		for (int i = 0; i < 30; i++) {
			enough.append("x-").append(i).append(":v\n");
		}
		assertThat(answerTo(connect(enough.toString()))).contains("CONNECTED").doesNotContain("ERROR");
	}

	@Test
	void connectWithoutASupportedVersionGetsAnErrorFrame() throws Exception {
		assertThat(answerTo(connect("accept-version:2.0\n"))).contains("ERROR")
			.contains("message:Unsupported STOMP version");
	}

	@Test
	void heartBeatsThatAreNotTwoNonNegativeNumbersGetAnErrorFrame() throws Exception {
		for (String heartbeat : List.of("x,y", "-5,10", "10")) {
			assertThat(answerTo(connect("accept-version:1.2\nheart-beat:" + heartbeat + "\n"))).as(heartbeat)
				.contains("ERROR")
				.contains("message:Invalid STOMP frame");
		}
	}

	@Test
	void aTenMebibyteFrameGetsItsErrorFrameBeforeTheClose() throws Exception {
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			String huge = "SEND\ndestination:/topic/x\n\n" + "x".repeat(10 * 1024 * 1024) + "\0";
			Thread sender = new Thread(() -> {
				try {
					socket.sendText(huge);
				}
				catch (IOException ex) {
					// The server may close before it has read everything.
				}
			});
			sender.start();
			String answer = socket.readUntil("Frame too large");
			assertThat(answer).as("an ERROR frame before the timeout").isNotNull();
			assertThat(answer).contains("ERROR\nmessage:Frame too large");
			sender.join(20_000);
		}
	}

	@Test
	void aContentLengthBeyondTheLimitIsRefusedAtOnce() throws Exception {
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			socket.sendText("CONNECT\naccept-version:1.2\nAuthorization:Bearer " + token(newClientId()) + "\n\n\0");
			assertThat(socket.readUntil("\0")).contains("CONNECTED");
			socket.sendText("SEND\ndestination:/topic/x\ncontent-length:10000000\n\nthe start of it");
			String answer = socket.readUntil("\0");
			assertThat(answer).as("an ERROR frame before the timeout").isNotNull();
			assertThat(answer).contains("ERROR\nmessage:Frame too large");
		}
	}

	private String connect(String headers) {
		return "CONNECT\n" + headers + "Authorization:Bearer " + token(newClientId()) + "\n\n\0";
	}

	private static int occurrences(String text, String part) {
		int count = 0;
		for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
			count++;
		}
		return count;
	}

	private String answerTo(String frame) throws Exception {
		try (RawWebSocket socket = rawHandshake("/ws", Map.of("Sec-WebSocket-Protocol", "v12.stomp"))) {
			assertThat(socket.status()).isEqualTo(101);
			socket.sendText(frame);
			String answer = socket.readUntil("\0");
			return (answer != null) ? answer : "";
		}
	}

}
