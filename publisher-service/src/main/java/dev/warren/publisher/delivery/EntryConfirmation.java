package dev.warren.publisher.delivery;

import java.util.List;

/**
 * The outcome of one stream entry, told to each delivery it holds: the broker confirms or
 * rejects the entry as a whole.
 */
final class EntryConfirmation implements Confirmation {

	private final List<Confirmation> deliveries;

	EntryConfirmation(List<Confirmation> deliveries) {
		this.deliveries = deliveries;
	}

	@Override
	public void confirmed() {
		for (Confirmation delivery : this.deliveries) {
			delivery.confirmed();
		}
	}

	@Override
	public void rejected(String cause) {
		for (Confirmation delivery : this.deliveries) {
			delivery.rejected(cause);
		}
	}

}
