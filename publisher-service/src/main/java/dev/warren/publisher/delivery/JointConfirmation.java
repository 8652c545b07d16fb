package dev.warren.publisher.delivery;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One outcome for several published messages: confirmed once the broker confirmed every
 * one of them, rejected as soon as it rejected any (and then only once).
 */
public final class JointConfirmation implements Confirmation {

	private final Confirmation target;

	private final AtomicInteger outstanding;

	/**
	 * Creates the joint outcome.
	 * @param target told once, when all are confirmed or the first is rejected
	 * @param parts how many messages share it
	 */
	public JointConfirmation(Confirmation target, int parts) {
		this.target = target;
		this.outstanding = new AtomicInteger(parts);
	}

	@Override
	public void confirmed() {
		if (this.outstanding.decrementAndGet() == 0) {
			this.target.confirmed();
		}
	}

	@Override
	public void rejected(String cause) {
		// Drop below zero for good: later confirms and rejections find nothing to do.
		if (this.outstanding.getAndSet(Integer.MIN_VALUE) > 0) {
			this.target.rejected(cause);
		}
	}

}
