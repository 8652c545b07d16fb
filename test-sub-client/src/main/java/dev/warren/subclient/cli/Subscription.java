package dev.warren.subclient.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.warren.subclient.http.ClientSession;
import dev.warren.subclient.crypto.FernetKeys;
import dev.warren.subclient.http.PublisherClient;
import dev.warren.subclient.report.Summary;
import dev.warren.subclient.stomp.StompSubscriber;

/**
 * One run of {@code warren-sub} for a registered client: connect, subscribe and wait for
 * the receipts, ask for fake data, wait for the end, sum up. A failure to connect or
 * subscribe is thrown; everything after the receipts ends in a summary.
 */
final class Subscription {

	static final int EXIT_OK = 0;

	static final int EXIT_SERVER_ERROR = 4;

	private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration SUMMARY_ON_INTERRUPT_TIMEOUT = Duration.ofSeconds(5);

	private final PrintStream out;

	private final PrintStream err;

	private final ReceivedMessages messages;

	/**
	 * Prepares a run.
	 * @param out message lines and the JSON summary
	 * @param err progress, the human summary and errors
	 * @param quiet whether to print nothing per message
	 * @param limit how many messages end the run
	 * @param keys the client's Fernet keys, which open encrypted messages
	 */
	Subscription(PrintStream out, PrintStream err, boolean quiet, long limit, FernetKeys keys) {
		this.out = out;
		this.err = err;
		this.messages = new ReceivedMessages(out, quiet, limit, keys);
	}

	/**
	 * Runs to the end.
	 * @param publisher publisher-service, asked for fake data when {@code fake > 0}
	 * @param session the registered client
	 * @param url the socket-server's STOMP endpoint
	 * @param destinations what to subscribe to
	 * @param fake how many fake messages to ask for, 0 for none
	 * @param seconds the most time to wait for messages, {@code null} for no limit
	 * @return the exit status
	 * @throws dev.warren.subclient.stomp.SubscriberException when connecting or
	 * subscribing fails
	 * @throws dev.warren.subclient.http.PublisherException when the fake data request
	 * fails
	 */
	int run(PublisherClient publisher, ClientSession session, String url, List<String> destinations, int fake,
			Integer seconds) {
		try (StompSubscriber subscriber = new StompSubscriber(this.messages)) {
			subscriber.connect(url, session.token(), SETUP_TIMEOUT);
			subscriber.subscribe(destinations, SETUP_TIMEOUT);
			this.err
				.println("warren-sub: client " + session.clientId() + " subscribed to " + destinations + " on " + url);
			long started = System.nanoTime();
			CountDownLatch summarised = new CountDownLatch(1);
			Thread onInterrupt = new Thread(() -> stopAndAwaitSummary(summarised), "warren-sub-interrupt");
			Runtime.getRuntime().addShutdownHook(onInterrupt);
			try {
				if (fake > 0) {
					int published = publisher.publishFake(fake, session.clientId());
					this.err.println("warren-sub: publisher accepted " + published + " fake messages");
				}
				this.messages.awaitEnd(seconds);
				summarise(session.clientId(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
				summarised.countDown();
			}
			finally {
				removeShutdownHook(onInterrupt);
			}
		}
		if (this.messages.failure() != null) {
			this.err.println("warren-sub: " + this.messages.failure());
			return EXIT_SERVER_ERROR;
		}
		return EXIT_OK;
	}

	private void summarise(String clientId, long elapsedMillis) {
		Summary summary = this.messages.finish(clientId, elapsedMillis);
		this.err.println("warren-sub: " + summary.toText());
		this.out.println(summary.toJson());
		this.out.flush();
	}

	/**
	 * On Ctrl-C the JVM runs shutdown hooks while the run still waits: end the run and
	 * give it the time to print its summary before the JVM halts.
	 */
	private void stopAndAwaitSummary(CountDownLatch summarised) {
		this.messages.stop();
		try {
			summarised.await(SUMMARY_ON_INTERRUPT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void removeShutdownHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down (Ctrl-C): the hook is running, nothing to remove.
		}
	}

}
