package dev.warren.socket.node;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reference-counted bindings of the node queue: a key is bound when its first holder
 * arrives and unbound when its last leaves. Changes to one key are serialized by a
 * striped lock held across the broker round trip, so a concurrent acquire and release of
 * the same key can never leave the broker's binding out of step with the count; different
 * keys proceed in parallel.
 */
public final class InterestBindings {

	private static final Logger logger = LoggerFactory.getLogger(InterestBindings.class);

	private static final int STRIPES = 64;

	private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

	/** Key to its holder count; a count is only read or changed under its key's lock. */
	private final ConcurrentHashMap<String, int[]> counts = new ConcurrentHashMap<>();

	private final BindingOperations operations;

	public InterestBindings(BindingOperations operations) {
		this.operations = operations;
		for (int i = 0; i < STRIPES; i++) {
			this.locks[i] = new ReentrantLock();
		}
	}

	/**
	 * Adds a holder of {@code key}, binding it first when it is the first; returns once
	 * the binding exists.
	 * @param key an exact delivery key
	 * @throws org.springframework.amqp.AmqpException when the binding failed; nothing is
	 * held then
	 */
	public void acquire(String key) {
		ReentrantLock lock = lockFor(key);
		lock.lock();
		try {
			int[] count = this.counts.get(key);
			if (count != null) {
				count[0]++;
				return;
			}
			this.operations.bind(key);
			this.counts.put(key, new int[] { 1 });
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Removes a holder of {@code key}, unbinding it when it was the last. A failed unbind
	 * is logged, not thrown: the stale binding only costs traffic, and it dies with the
	 * node queue.
	 * @param key an exact delivery key
	 */
	public void release(String key) {
		ReentrantLock lock = lockFor(key);
		lock.lock();
		try {
			int[] count = this.counts.get(key);
			if (count == null || --count[0] > 0) {
				return;
			}
			this.counts.remove(key);
			try {
				this.operations.unbind(key);
			}
			catch (RuntimeException ex) {
				logger.atWarn().addKeyValue("warren.routing_key", key).log("Unbind failed: {}", ex.toString());
			}
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Number of holders of {@code key}.
	 * @param key an exact delivery key
	 * @return the count, 0 when unbound
	 */
	public int holders(String key) {
		ReentrantLock lock = lockFor(key);
		lock.lock();
		try {
			int[] count = this.counts.get(key);
			return (count != null) ? count[0] : 0;
		}
		finally {
			lock.unlock();
		}
	}

	/**
	 * Binds every held key again, after the connection (and with it the exclusive queue)
	 * was recreated; cheap when nothing is held. Each key is rebound under its lock, so a
	 * key released meanwhile is not resurrected.
	 */
	void rebindAll() {
		int rebound = 0;
		for (String key : this.counts.keySet()) {
			ReentrantLock lock = lockFor(key);
			lock.lock();
			try {
				if (this.counts.containsKey(key)) {
					this.operations.bind(key);
					rebound++;
				}
			}
			catch (RuntimeException ex) {
				logger.atWarn().addKeyValue("warren.routing_key", key).log("Rebind failed: {}", ex.toString());
			}
			finally {
				lock.unlock();
			}
		}
		if (rebound > 0) {
			logger.info("Rebound {} interest bindings", rebound);
		}
	}

	private ReentrantLock lockFor(String key) {
		int hash = key.hashCode();
		return this.locks[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
	}

}
