package dev.warren.socket.servlet;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.messaging.Message;
import org.springframework.scheduling.TaskScheduler;

import dev.warren.socket.hub.Hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

/**
 * The servlet path's deadline for {@code CONNECT}: a session that sent none in time is
 * refused; one whose {@code CONNECT} arrived is not, even while connecting it still waits
 * for the broker.
 */
class ConnectDeadlineTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(2);

	private final TaskScheduler scheduler = mock(TaskScheduler.class);

	// Never connected: as while the client's binding is still being made.
	private final Hub hub = mock(Hub.class);

	private final WebSocketSessions sockets = mock(WebSocketSessions.class);

	private final List<Message<?>> notices = new CopyOnWriteArrayList<>();

	private final ConnectDeadline deadline = new ConnectDeadline(this.scheduler, TIMEOUT, this.hub, this.sockets,
			new UnauthorizedNotice((message, timeout) -> this.notices.add(message)));

	@BeforeEach
	void sessionStaysOpen() {
		given(this.sockets.isOpen("s-1")).willReturn(true);
	}

	@Test
	void aSessionThatSentNoConnectIsRefusedAtItsDeadline() {
		this.deadline.accept("s-1");
		due().run();
		assertThat(this.notices).singleElement()
			.satisfies((notice) -> assertThat(new String((byte[]) notice.getPayload())).contains("no CONNECT"));
	}

	@Test
	void aSessionWhoseConnectArrivedIsNotRefusedWhileItIsStillConnecting() {
		this.deadline.accept("s-1");
		this.deadline.connectArrived("s-1");
		due().run();
		assertThat(this.notices).isEmpty();
	}

	@Test
	void anotherSessionsConnectDoesNotSaveOneThatSentNone() {
		given(this.sockets.isOpen("s-2")).willReturn(true);
		this.deadline.accept("s-1");
		this.deadline.connectArrived("s-2");
		due().run();
		assertThat(this.notices).hasSize(1);
	}

	private Runnable due() {
		ArgumentCaptor<Runnable> task = ArgumentCaptor.forClass(Runnable.class);
		verify(this.scheduler).schedule(task.capture(), any(Instant.class));
		return task.getValue();
	}

}
