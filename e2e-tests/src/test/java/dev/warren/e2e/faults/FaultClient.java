package dev.warren.e2e.faults;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.messaging.WebSocketStompClient;

import dev.warren.common.WarrenNames;

/**
 * A STOMP client that behaves like a well-written app: when its connection ends it
 * connects again (to the next node it knows), subscribes to what it followed and, when
 * told to, sends the last {@code warren-position} it received on each destination. It
 * records every delivery with the time it arrived.
 */
final class FaultClient implements AutoCloseable {

	private static final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	static {
		scheduler.setPoolSize(2);
		scheduler.setDaemon(true);
		scheduler.setThreadNamePrefix("fault-stomp-");
		scheduler.initialize();
	}

	private final String clientId;

	private final String token;

	private final List<String> urls;

	private final List<String> destinations;

	private final boolean resumeWithPosition;

	private final WebSocketStompClient stomp;

	private final Queue<Delivery> deliveries = new ConcurrentLinkedQueue<>();

	private final Queue<String> controls = new ConcurrentLinkedQueue<>();

	private final Map<String, String> positions = new ConcurrentHashMap<>();

	private final Thread watcher;

	private volatile StompSession session;

	private volatile CompletableFuture<Void> closed = CompletableFuture.completedFuture(null);

	private volatile boolean offline;

	private volatile boolean stopped;

	private volatile int connects;

	private int next;

	/**
	 * A client, not yet connected.
	 * @param clientId its client id
	 * @param token its token
	 * @param urls the nodes' STOMP URLs; it starts on the first and moves on in turn
	 * @param destinations what it subscribes to
	 * @param resumeWithPosition whether it sends {@code warren-since} when it subscribes
	 * again
	 */
	FaultClient(String clientId, String token, List<String> urls, List<String> destinations,
			boolean resumeWithPosition) {
		this.clientId = clientId;
		this.token = token;
		this.urls = List.copyOf(urls);
		this.destinations = List.copyOf(destinations);
		this.resumeWithPosition = resumeWithPosition;
		this.stomp = new WebSocketStompClient(new StandardWebSocketClient());
		this.stomp.setTaskScheduler(scheduler);
		this.stomp.setDefaultHeartbeat(new long[] { 10_000, 10_000 });
		this.watcher = new Thread(this::watch, "fault-client-" + clientId);
		this.watcher.setDaemon(true);
	}

	/**
	 * Connects and subscribes, then keeps the client connected in the background.
	 * @return this client
	 */
	FaultClient start() {
		connectAndSubscribe();
		this.watcher.start();
		return this;
	}

	String clientId() {
		return this.clientId;
	}

	/** Disconnects and stays away until {@link #comeBack()}. */
	void goOffline() {
		this.offline = true;
		StompSession current = this.session;
		if (current != null && current.isConnected()) {
			current.disconnect();
		}
		this.closed.complete(null);
	}

	/** Ends {@link #goOffline()}: the client reconnects as it would after any close. */
	void comeBack() {
		this.offline = false;
	}

	List<Delivery> deliveries() {
		return new ArrayList<>(this.deliveries);
	}

	/**
	 * The {@code warren-control} values received, {@code continuity-lost} among them.
	 * @return them, in order
	 */
	List<String> controls() {
		return new ArrayList<>(this.controls);
	}

	int connects() {
		return this.connects;
	}

	private void watch() {
		while (!this.stopped) {
			FaultBroker.pause(100);
			if (this.offline || this.stopped || !this.closed.isDone()) {
				continue;
			}
			try {
				connectAndSubscribe();
			}
			catch (RuntimeException ex) {
				// That node is not there (yet): the next attempt goes to the next one.
				FaultBroker.pause(150);
			}
		}
	}

	private void connectAndSubscribe() {
		String url = this.urls.get(this.next);
		this.next = (this.next + 1) % this.urls.size();
		StompHeaders connect = new StompHeaders();
		connect.add("Authorization", "Bearer " + this.token);
		CompletableFuture<Void> ended = new CompletableFuture<>();
		StompSession opened = this.stomp.connectAsync(url, (WebSocketHttpHeaders) null, connect, new Handler(ended))
			.orTimeout(10, TimeUnit.SECONDS)
			.join();
		opened.setAutoReceipt(true);
		try {
			for (String destination : this.destinations) {
				StompHeaders subscribe = new StompHeaders();
				subscribe.setDestination(destination);
				String since = this.positions.get(destination);
				if (this.resumeWithPosition && since != null) {
					subscribe.add(WarrenNames.SINCE_HEADER, since);
				}
				CompletableFuture<Void> receipt = new CompletableFuture<>();
				StompSession.Subscription subscription = opened.subscribe(subscribe, new Frames(destination));
				subscription.addReceiptTask(() -> receipt.complete(null));
				subscription.addReceiptLostTask(() -> receipt
					.completeExceptionally(new IllegalStateException("no RECEIPT for " + destination)));
				receipt.orTimeout(15, TimeUnit.SECONDS).join();
			}
		}
		catch (RuntimeException ex) {
			opened.disconnect();
			throw ex;
		}
		this.session = opened;
		this.closed = ended;
		this.connects++;
	}

	@Override
	public void close() {
		this.stopped = true;
		StompSession current = this.session;
		if (current != null && current.isConnected()) {
			current.disconnect();
		}
	}

	/**
	 * One MESSAGE as received.
	 *
	 * @param destination the subscription's destination
	 * @param target the routing key the producer used
	 * @param number the producer's message number
	 * @param warrenId its {@code warren-id}
	 * @param dueAtMillis when the producer meant to send it
	 * @param sentAtMicros when the producer sent it (epoch µs)
	 * @param receivedAtMicros when it arrived (epoch µs)
	 */
	record Delivery(String destination, String target, long number, String warrenId, long dueAtMillis,
			long sentAtMicros, long receivedAtMicros) {

		/** From the producer's send to the client's receipt. */
		long latencyMicros() {
			return this.receivedAtMicros - this.sentAtMicros;
		}

		long receivedAtMillis() {
			return this.receivedAtMicros / 1000;
		}

	}

	private final class Frames implements StompFrameHandler {

		private final String destination;

		Frames(String destination) {
			this.destination = destination;
		}

		@Override
		public Type getPayloadType(StompHeaders headers) {
			return byte[].class;
		}

		@Override
		public void handleFrame(StompHeaders headers, Object payload) {
			long now = ConfirmingProducer.nowMicros();
			String position = headers.getFirst(WarrenNames.POSITION_HEADER);
			if (position != null) {
				FaultClient.this.positions.put(this.destination, position);
			}
			if (headers.getFirst(WarrenNames.CONTROL_HEADER) != null) {
				FaultClient.this.controls.add(headers.getFirst(WarrenNames.CONTROL_HEADER));
				return;
			}
			String body = new String((byte[]) payload, StandardCharsets.UTF_8);
			int first = body.indexOf('|');
			int second = body.indexOf('|', first + 1);
			int third = body.indexOf('|', second + 1);
			int fourth = body.indexOf('|', third + 1);
			FaultClient.this.deliveries.add(new Delivery(this.destination, body.substring(0, first),
					Long.parseLong(body.substring(first + 1, second)), headers.getFirst(WarrenNames.ID_HEADER),
					Long.parseLong(body.substring(second + 1, third)),
					Long.parseLong(body.substring(third + 1, fourth)), now));
		}

	}

	private static final class Handler extends StompSessionHandlerAdapter {

		private final CompletableFuture<Void> ended;

		Handler(CompletableFuture<Void> ended) {
			this.ended = ended;
		}

		@Override
		public void handleTransportError(StompSession session, Throwable exception) {
			this.ended.complete(null);
		}

	}

}
