package dev.warren.socket.node;

import java.util.concurrent.Executor;

import org.springframework.amqp.rabbit.listener.ConsumeOkEvent;
import org.springframework.context.ApplicationListener;

/**
 * Rebinds every current interest whenever the node queue's consumer (re)starts. A new
 * connection means a new exclusive queue: {@code RabbitAdmin} redeclares the queue, the
 * exchange and the {@code broadcast} binding (they are beans), and once the broker has
 * confirmed the consumer ({@code consume-ok}) the queue surely exists, so the interests
 * are bound again. Rebinding runs on another thread: the event arrives on the AMQP
 * client's connection thread, which must not wait for broker round trips.
 */
final class BindingRestorer implements ApplicationListener<ConsumeOkEvent> {

	private final InterestBindings bindings;

	private final NodeQueue queue;

	private final Executor executor;

	BindingRestorer(InterestBindings bindings, NodeQueue queue, Executor executor) {
		this.bindings = bindings;
		this.queue = queue;
		this.executor = executor;
	}

	@Override
	public void onApplicationEvent(ConsumeOkEvent event) {
		if (this.queue.source().equals(event.getQueue())) {
			this.executor.execute(this.bindings::rebindAll);
		}
	}

}
