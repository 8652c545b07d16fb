package dev.warren.socket.edge;

import java.util.concurrent.RejectedExecutionException;

import io.netty.channel.EventLoop;

import dev.warren.common.RoutingKey;
import dev.warren.socket.hub.DeliveredCounter;
import dev.warren.socket.hub.Outlet;
import dev.warren.socket.hub.SessionTransport;
import dev.warren.socket.hub.Subscription;
import dev.warren.socket.node.Delivery;

/**
 * The {@link Outlet} of a protocol on the edge: the protocol's {@link Encoder} encodes
 * each message once, and every subscriber's frame is its own prefix plus those bytes,
 * written on its connection's I/O thread. The hub hands over the subscribers of one I/O
 * thread at a time (a session's group is its event loop), so a message costs one task per
 * I/O thread; each I/O thread runs its tasks in the order they were submitted, the node
 * queue's order.
 */
public final class EdgeOutlet implements Outlet {

	private final Encoder encoder;

	private final DeliveredCounter delivered;

	/**
	 * Creates the outlet.
	 * @param encoder the protocol's encoding
	 * @param delivered counts the frames written
	 */
	public EdgeOutlet(Encoder encoder, DeliveredCounter delivered) {
		this.encoder = encoder;
		this.delivered = delivered;
	}

	@Override
	public Object prefix(String subscriptionId) {
		return this.encoder.prefix(subscriptionId);
	}

	@Override
	public Object encode(RoutingKey target, Delivery delivery) {
		return this.encoder.encode(target, delivery);
	}

	@Override
	public void send(Object encoded, Subscription[] subscriptions, int from, int to) {
		EventLoop loop = (EventLoop) subscriptions[from].session().group();
		try {
			loop.execute(new Batch(subscriptions, from, to, (Payload) encoded));
		}
		catch (RejectedExecutionException ex) {
			// The edge is stopping and its connections are being closed: nothing to
			// write to.
		}
	}

	/** How a protocol writes deliveries on the edge. */
	public interface Encoder {

		/**
		 * What one subscription's frames start with.
		 * @param subscriptionId the subscription's id on its connection
		 * @return the bytes, may be empty
		 */
		byte[] prefix(String subscriptionId);

		/**
		 * The rest of every subscriber's frame for a message.
		 * @param target where the message was addressed
		 * @param delivery the message
		 * @return the payload
		 */
		Payload encode(RoutingKey target, Delivery delivery);

	}

	/**
	 * A message as a protocol writes it.
	 *
	 * @param bytes the frame's bytes after the subscription's prefix
	 * @param text whether it goes out as a text frame, else binary
	 */
	public record Payload(byte[] bytes, boolean text) {
	}

	/** A session on the edge, as the hub holds it: it knows its connection. */
	public interface Transport extends SessionTransport {

		/**
		 * The connection the session's frames are written to.
		 * @return the connection
		 */
		EdgeConnection connection();

	}

	/** The frames of one message for the subscribers of one I/O thread. */
	private final class Batch implements Runnable {

		private final Subscription[] subscriptions;

		private final int from;

		private final int to;

		private final Payload payload;

		Batch(Subscription[] subscriptions, int from, int to, Payload payload) {
			this.subscriptions = subscriptions;
			this.from = from;
			this.to = to;
			this.payload = payload;
		}

		@Override
		public void run() {
			int written = 0;
			for (int i = this.from; i < this.to; i++) {
				Subscription subscription = this.subscriptions[i];
				EdgeConnection connection = ((Transport) subscription.session().transport()).connection();
				if (connection.write((byte[]) subscription.prefix(), this.payload.bytes(), this.payload.text())) {
					written++;
				}
			}
			EdgeOutlet.this.delivered.increment(written);
		}

	}

}
