package dev.warren.socket.edge;

import java.util.ArrayList;
import java.util.List;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Flushes, once per turn of an I/O thread's task queue, every edge connection that
 * deliveries were written to meanwhile. The fan-out queues one task per message on each
 * I/O thread; under load several are queued before the flush runs, so a connection's
 * frames of several messages leave in one socket write instead of one each. One per I/O
 * thread, only touched on it.
 */
final class EdgeFlusher implements Runnable {

	private static final FastThreadLocal<EdgeFlusher> flushers = new FastThreadLocal<>();

	private final EventLoop loop;

	private List<EdgeConnection> pending = new ArrayList<>();

	private List<EdgeConnection> spare = new ArrayList<>();

	private EdgeFlusher(EventLoop loop) {
		this.loop = loop;
	}

	/**
	 * The flusher of the calling I/O thread.
	 * @param loop the calling thread's event loop
	 * @return its flusher
	 */
	static EdgeFlusher of(EventLoop loop) {
		EdgeFlusher flusher = flushers.get();
		if (flusher == null) {
			flusher = new EdgeFlusher(loop);
			flushers.set(flusher);
		}
		return flusher;
	}

	/**
	 * Flushes {@code session} at the end of the current turn; the session calls this once
	 * until it was flushed.
	 * @param session a session of this I/O thread
	 */
	void add(EdgeConnection session) {
		if (this.pending.isEmpty()) {
			this.loop.execute(this);
		}
		this.pending.add(session);
	}

	@Override
	public void run() {
		List<EdgeConnection> flushing = this.pending;
		this.pending = this.spare;
		for (int i = 0; i < flushing.size(); i++) {
			flushing.get(i).flush();
		}
		flushing.clear();
		this.spare = flushing;
	}

}
