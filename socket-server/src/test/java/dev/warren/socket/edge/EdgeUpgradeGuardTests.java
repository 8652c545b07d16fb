package dev.warren.socket.edge;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EdgeUpgradeGuardTests {

	private final AtomicBoolean draining = new AtomicBoolean();

	private final EdgeUpgradeGuard guard = new EdgeUpgradeGuard(List.of("/ws", "/ws/json"),
			List.of("http://localhost:[*]"), this.draining::get);

	@Test
	void passesAllowedRequestsOn() {
		assertPassed(request("/ws", null, "node:8091"));
		assertPassed(request("/ws?x=1", "http://localhost:3000", "node:8091"));
		assertPassed(request("/ws", "https://node:8091", "node:8091"));
		assertPassed(request("/ws/json", null, "node:8091"));
	}

	@Test
	void refusesOtherPathsForeignOriginsAndHandshakesWhileDraining() {
		assertThat(refusal(request("/other", null, "node"))).isEqualTo(404);
		assertThat(refusal(request("/ws/x", null, "node"))).isEqualTo(404);
		assertThat(refusal(request("/ws/json/x", null, "node"))).isEqualTo(404);
		assertThat(refusal(request("/ws", "http://evil.example", "node"))).isEqualTo(403);
		assertThat(refusal(request("/ws", "http://node:9999", "node:8091"))).isEqualTo(403);
		this.draining.set(true);
		assertThat(refusal(request("/ws", null, "node"))).isEqualTo(503);
	}

	private void assertPassed(FullHttpRequest request) {
		EmbeddedChannel channel = new EmbeddedChannel(this.guard);
		channel.writeInbound(request);
		FullHttpRequest passed = channel.readInbound();
		assertThat(passed).isSameAs(request);
		assertThat((Object) channel.readOutbound()).isNull();
		passed.release();
	}

	private int refusal(FullHttpRequest request) {
		EmbeddedChannel channel = new EmbeddedChannel(this.guard);
		channel.writeInbound(request);
		assertThat((Object) channel.readInbound()).isNull();
		FullHttpResponse response = channel.readOutbound();
		int status = response.status().code();
		// Every refusal is a problem whose status is the response's.
		assertThat(response.headers().get("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.content().toString(StandardCharsets.UTF_8)).startsWith("{\"title\":\"")
			.contains("\"status\":" + status + ",\"detail\":\"")
			.endsWith("\"}");
		response.release();
		assertThat(channel.isOpen()).isFalse();
		return status;
	}

	@Test
	void refusesVersionsOtherThan13AndMalformedKeys() {
		FullHttpRequest version8 = request("/ws", null, "node");
		version8.headers().set("Sec-WebSocket-Version", "8");
		version8.headers().set("Sec-WebSocket-Origin", "http://evil.example");
		assertThat(refusal(version8)).isEqualTo(426);
		FullHttpRequest noVersion = request("/ws", null, "node");
		noVersion.headers().remove("Sec-WebSocket-Version");
		assertThat(refusal(noVersion)).isEqualTo(426);
		for (String key : new String[] { "short", "not base64 at all, 24 ch", "AAAAAAAAAAAAAAAAAAAAAAAAAAAA" }) {
			FullHttpRequest request = request("/ws", null, "node");
			request.headers().set("Sec-WebSocket-Key", key);
			assertThat(refusal(request)).as(key).isEqualTo(400);
		}
		FullHttpRequest noKey = request("/ws", null, "node");
		noKey.headers().remove("Sec-WebSocket-Key");
		assertThat(refusal(noKey)).isEqualTo(400);
	}

	private static FullHttpRequest request(String uri, String origin, String host) {
		FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
		request.headers().set("Host", host);
		request.headers().set("Sec-WebSocket-Version", "13");
		request.headers().set("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
		if (origin != null) {
			request.headers().set("Origin", origin);
		}
		return request;
	}

}
