package dev.warren.socket.edge;

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
		response.release();
		assertThat(channel.isOpen()).isFalse();
		return status;
	}

	private static FullHttpRequest request(String uri, String origin, String host) {
		FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri);
		request.headers().set("Host", host);
		if (origin != null) {
			request.headers().set("Origin", origin);
		}
		return request;
	}

}
