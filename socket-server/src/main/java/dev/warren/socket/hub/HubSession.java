package dev.warren.socket.hub;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * A session connected on this node, whichever way in holds it: its client, its token's
 * expiry, the outlet that writes to it and its subscriptions. Mutable state is guarded by
 * the instance's monitor.
 */
public final class HubSession {

	private final String id;

	private final String clientId;

	/** Its token's expiry; moved later by a refresh, under the monitor. */
	private volatile Instant expiresAt;

	private final SessionTransport transport;

	private final Outlet outlet;

	private final Object group;

	/** Subscription id to the subscription. */
	final Map<String, Subscription> subscriptions = new HashMap<>(4);

	boolean closed;

	/**
	 * Where its private channel resumes from, given on CONNECT; taken by the first
	 * subscribe.
	 */
	volatile Position privateSince;

	volatile ScheduledFuture<?> expiry;

	HubSession(String id, String clientId, Instant expiresAt, SessionTransport transport, Outlet outlet, Object group) {
		this.id = id;
		this.clientId = clientId;
		this.expiresAt = expiresAt;
		this.transport = transport;
		this.outlet = outlet;
		this.group = group;
	}

	public String id() {
		return this.id;
	}

	public String clientId() {
		return this.clientId;
	}

	public Instant expiresAt() {
		return this.expiresAt;
	}

	void expiresAt(Instant expiresAt) {
		this.expiresAt = expiresAt;
	}

	public SessionTransport transport() {
		return this.transport;
	}

	public Outlet outlet() {
		return this.outlet;
	}

	/**
	 * What the outlet writes this session's messages on, e.g. its connection's I/O
	 * thread: sessions of one group are handed to {@link Outlet#send} together.
	 * @return the group, may be {@code null}
	 */
	public Object group() {
		return this.group;
	}

}
