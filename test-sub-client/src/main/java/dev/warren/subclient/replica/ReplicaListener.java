package dev.warren.subclient.replica;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;

import org.springframework.messaging.simp.stomp.StompHeaders;

import dev.warren.common.WarrenNames;
import dev.warren.common.record.InvalidRecordOpException;
import dev.warren.common.record.RecordOp;
import dev.warren.subclient.crypto.FernetKeys;
import dev.warren.subclient.stomp.StompSubscriber;

/**
 * Applies what one connection delivers to the store, in arrival order (which is position
 * order on a subscription). A message the store cannot take ends the connection before
 * its position is kept, so the next connection is sent it again.
 */
final class ReplicaListener implements StompSubscriber.Listener {

	private final ReplicaStore store;

	private final FernetKeys keys;

	private final PrintStream out;

	private final PrintStream err;

	private final CompletableFuture<String> ended;

	ReplicaListener(ReplicaStore store, FernetKeys keys, PrintStream out, PrintStream err,
			CompletableFuture<String> ended) {
		this.store = store;
		this.keys = keys;
		this.out = out;
		this.err = err;
		this.ended = ended;
	}

	@Override
	public void onMessage(String destination, StompHeaders headers, byte[] body) {
		if (this.ended.isDone()) {
			// After a failed message nothing more of this connection may be applied: it
			// would skip the one that failed.
			return;
		}
		try {
			if (WarrenNames.CONTINUITY_LOST.equals(headers.getFirst(WarrenNames.CONTROL_HEADER))) {
				this.out.printf("{\"continuityLost\":\"%s\"}%n", destination);
				this.store.forget(destination);
				return;
			}
			RecordOp op = RecordOp.of(headers.getFirst(WarrenNames.OP_HEADER),
					headers.getFirst(WarrenNames.COLLECTION_HEADER), headers.getFirst(WarrenNames.KEY_HEADER));
			byte[] clear = (op != null && FernetKeys.isSealed(headers)) ? this.keys.open(body) : body;
			this.store.apply(destination, headers.getFirst(WarrenNames.POSITION_HEADER), op,
					headers.getFirst("content-type"), clear);
		}
		catch (FernetKeys.UndecryptableException ex) {
			// Kept apart from a database failure: trying again would not help, and the
			// checksum shows the replica is behind.
			this.err
				.println("replica: cannot apply " + headers.getFirst(WarrenNames.ID_HEADER) + ": " + ex.getMessage());
		}
		catch (InvalidRecordOpException ex) {
			this.err.println("replica: ignoring a message with an invalid record operation: " + ex.getMessage());
		}
		catch (SQLException | RuntimeException ex) {
			this.ended.complete("cannot apply a message on " + destination + ": " + ex.getMessage());
		}
	}

	@Override
	public void onError(String message, String body) {
		this.ended.complete("server sent ERROR: " + StompSubscriber.describeError(message, body));
	}

	@Override
	public void onConnectionLost(Throwable cause) {
		this.ended.complete("connection lost: " + cause.getMessage());
	}

}
