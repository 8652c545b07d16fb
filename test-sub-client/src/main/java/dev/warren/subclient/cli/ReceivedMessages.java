package dev.warren.subclient.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.messaging.simp.stomp.StompHeaders;

import dev.warren.common.WarrenNames;
import dev.warren.subclient.crypto.FernetKeys;
import dev.warren.subclient.report.LatencyRecorder;
import dev.warren.subclient.report.MessageLine;
import dev.warren.subclient.report.Summary;
import dev.warren.subclient.stomp.StompSubscriber;

/**
 * What one run has received: counts messages, records their latency, prints a line per
 * message and tells the command when to stop. Fed by the STOMP client's thread.
 * <p>
 * Once {@link #finish} has been called nothing more is printed, so the summary is always
 * the last line on stdout, and never more than {@code limit} message lines come before
 * it.
 */
final class ReceivedMessages implements StompSubscriber.Listener {

	private final Object lock = new Object();

	private final LatencyRecorder latencies = new LatencyRecorder();

	private final AtomicReference<String> failure = new AtomicReference<>();

	private final CountDownLatch end = new CountDownLatch(1);

	private final FernetKeys keys;

	private final PrintStream out;

	private final boolean quiet;

	private final long limit;

	private long received;

	private boolean finished;

	/**
	 * Creates the state of a run.
	 * @param out where message lines go
	 * @param quiet whether to print nothing per message
	 * @param limit how many messages end the run
	 */
	ReceivedMessages(PrintStream out, boolean quiet, long limit) {
		this(out, quiet, limit, FernetKeys.of(List.of()));
	}

	ReceivedMessages(PrintStream out, boolean quiet, long limit, FernetKeys keys) {
		this.keys = keys;
		this.out = out;
		this.quiet = quiet;
		this.limit = limit;
	}

	@Override
	public void onMessage(String destination, StompHeaders headers, byte[] sent) {
		long now = System.currentTimeMillis();
		byte[] body = open(headers, sent);
		long publishedAt = parseMillis(headers.getFirst(WarrenNames.PUBLISHED_AT_HEADER));
		long latency = (publishedAt >= 0) ? Math.max(0, now - publishedAt) : -1;
		synchronized (this.lock) {
			if (this.finished || this.received >= this.limit) {
				return;
			}
			this.received++;
			if (latency >= 0) {
				this.latencies.record(latency);
			}
			if (!this.quiet) {
				this.out.println(MessageLine.format(destination, headers.getFirst(WarrenNames.ID_HEADER), publishedAt,
						latency, body));
			}
			if (this.received == this.limit) {
				this.end.countDown();
			}
		}
	}

	/**
	 * The clear body of an encrypted message; one no --key opens is shown as its token.
	 */
	private byte[] open(StompHeaders headers, byte[] body) {
		if (!FernetKeys.isSealed(headers)) {
			return body;
		}
		try {
			return this.keys.open(body);
		}
		catch (FernetKeys.UndecryptableException ex) {
			return body;
		}
	}

	@Override
	public void onError(String message, String body) {
		fail("server sent ERROR: " + StompSubscriber.describeError(message, body));
	}

	@Override
	public void onConnectionLost(Throwable cause) {
		fail("connection lost: " + cause.getMessage());
	}

	/**
	 * Records why the run ended early. After {@link #finish} nothing counts: closing the
	 * session sends DISCONNECT, which Spring's simple broker answers with an ERROR frame
	 * ("Session closed.") when no receipt was asked for.
	 */
	private void fail(String reason) {
		synchronized (this.lock) {
			if (this.finished) {
				return;
			}
			this.failure.compareAndSet(null, reason);
		}
		this.end.countDown();
	}

	/**
	 * Ends the run early, as Ctrl-C does.
	 */
	void stop() {
		this.end.countDown();
	}

	/**
	 * Waits until the limit is reached, the connection fails, {@link #stop} is called or
	 * the time runs out.
	 * @param seconds the most to wait, {@code null} for no limit
	 */
	void awaitEnd(Integer seconds) {
		try {
			if (seconds == null) {
				this.end.await();
			}
			else {
				this.end.await(seconds, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Stops printing and sums the run up.
	 * @param clientId the client that subscribed
	 * @param elapsedMillis how long the run took
	 * @return the summary
	 */
	Summary finish(String clientId, long elapsedMillis) {
		synchronized (this.lock) {
			this.finished = true;
			return new Summary(clientId, this.received, elapsedMillis, this.latencies.snapshot());
		}
	}

	/**
	 * Why the connection ended before the run did.
	 * @return the reason, or {@code null} when it did not
	 */
	String failure() {
		return this.failure.get();
	}

	private static long parseMillis(String value) {
		try {
			return (value != null) ? Long.parseLong(value.strip()) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

}
