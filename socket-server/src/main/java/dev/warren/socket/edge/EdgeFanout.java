package dev.warren.socket.edge;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import io.netty.channel.EventLoop;

import dev.warren.common.RoutingKey;
import dev.warren.common.WarrenNames;
import dev.warren.socket.delivery.DeliveredCounter;
import dev.warren.socket.delivery.Delivery;
import dev.warren.socket.delivery.LocalFanout;
import dev.warren.socket.delivery.MessageFrameTail;

/**
 * Delivers to the edge's sessions: each message's frame tail is built and encoded to
 * bytes once, and every subscriber's frame is its own {@code subscription} line plus
 * those bytes, written on its connection's I/O thread. Each I/O thread runs its tasks in
 * the order they were submitted, and they are submitted here in the node queue's order.
 */
final class EdgeFanout implements LocalFanout {

	private final EdgeAudience audience;

	private final DeliveredCounter delivered;

	private final MessageFrameTail tails = new MessageFrameTail("e");

	/**
	 * Creates the fan-out.
	 * @param audience who receives what
	 * @param delivered counts the frames written
	 */
	EdgeFanout(EdgeAudience audience, DeliveredCounter delivered) {
		this.audience = audience;
		this.delivered = delivered;
	}

	@Override
	public void deliver(RoutingKey target, Delivery delivery) {
		boolean text = MessageFrameTail.isText(delivery.contentType());
		switch (target.kind()) {
			case TOPIC -> {
				EdgeAudience.Subscriber[] subscribers = this.audience.topic(target.name());
				if (subscribers.length > 0) {
					send(subscribers, tail(WarrenNames.TOPIC_DESTINATION_PREFIX + target.name(), delivery), text);
				}
			}
			case CLIENT -> {
				EdgeAudience.Subscriber[] subscribers = this.audience.client(target.name());
				if (subscribers.length > 0) {
					send(subscribers, tail(WarrenNames.PRIVATE_DESTINATION, delivery), text);
				}
			}
			case BROADCAST -> broadcast(delivery, text);
		}
	}

	/**
	 * Every client's private-channel subscribers, gathered by event loop so that the
	 * message costs one task per I/O thread, not one per client.
	 */
	private void broadcast(Delivery delivery, boolean text) {
		Map<EventLoop, List<EdgeAudience.Subscriber>> byLoop = new IdentityHashMap<>();
		for (EdgeAudience.Subscriber[] subscribers : this.audience.allClients()) {
			for (EdgeAudience.Subscriber subscriber : subscribers) {
				byLoop.computeIfAbsent(subscriber.session.loop(), (loop) -> new ArrayList<>()).add(subscriber);
			}
		}
		if (byLoop.isEmpty()) {
			return;
		}
		byte[] tail = tail(WarrenNames.PRIVATE_DESTINATION, delivery);
		byLoop.forEach((loop, subscribers) -> submit(loop,
				new Batch(subscribers.toArray(EdgeAudience.Subscriber[]::new), 0, subscribers.size(), tail, text)));
	}

	private byte[] tail(String destination, Delivery delivery) {
		return this.tails.encode(destination, delivery);
	}

	/**
	 * Hands the frames to the subscribers' I/O threads: one task per run of subscribers
	 * on the same event loop (the audience keeps them grouped so), which writes each of
	 * them there. A task per frame from this thread, and buffers allocated off the I/O
	 * threads, were most of the edge's CPU under fan-out.
	 */
	private void send(EdgeAudience.Subscriber[] subscribers, byte[] tail, boolean text) {
		int from = 0;
		while (from < subscribers.length) {
			EventLoop loop = subscribers[from].session.loop();
			int to = from + 1;
			while (to < subscribers.length && subscribers[to].session.loop() == loop) {
				to++;
			}
			submit(loop, new Batch(subscribers, from, to, tail, text));
			from = to;
		}
	}

	private static void submit(EventLoop loop, Batch batch) {
		try {
			loop.execute(batch);
		}
		catch (RejectedExecutionException ex) {
			// The edge is stopping and its sessions are being closed: nothing to write
			// to.
		}
	}

	/** The frames of one message for the subscribers of one event loop. */
	private final class Batch implements Runnable {

		private final EdgeAudience.Subscriber[] subscribers;

		private final int from;

		private final int to;

		private final byte[] tail;

		private final boolean text;

		Batch(EdgeAudience.Subscriber[] subscribers, int from, int to, byte[] tail, boolean text) {
			this.subscribers = subscribers;
			this.from = from;
			this.to = to;
			this.tail = tail;
			this.text = text;
		}

		@Override
		public void run() {
			int written = 0;
			for (int i = this.from; i < this.to; i++) {
				EdgeAudience.Subscriber subscriber = this.subscribers[i];
				if (subscriber.session.write(subscriber.frameStart, this.tail, this.text)) {
					written++;
				}
			}
			EdgeFanout.this.delivered.increment(written);
		}

	}

}
