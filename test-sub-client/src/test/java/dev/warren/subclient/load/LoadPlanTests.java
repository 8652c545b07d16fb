package dev.warren.subclient.load;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoadPlanTests {

	@Test
	void warrenClientsFollowTheirPrivateChannelAndTopics() {
		LoadPlan plan = new LoadPlan(LoadTarget.WARREN, "r1", LoadPlan.syntheticIds("r1", 4), 3, 2, 2, true);
		assertThat(plan.clientId(3)).isEqualTo("load-r1-3");
		assertThat(plan.destinations(2)).containsExactly("/user/queue/data", "/topic/load-r1-t2", "/topic/load-r1-t0");
		assertThat(plan.nodeOf(3)).isEqualTo(1);
		StreamTracker tracker = plan.trackerFor(2);
		tracker.address(new long[plan.directStream(plan.clients())]);
		assertThat(tracker.arrived(0, plan.directStream(2), 1)).isTrue();
		assertThat(tracker.arrived(0, plan.broadcastStream(), 1)).isTrue();
		assertThat(tracker.arrived(1, 2, 1)).isTrue();
		assertThat(tracker.arrived(2, 0, 1)).isTrue();
		assertThat(tracker.arrived(0, plan.directStream(1), 1)).isFalse();
		assertThat(tracker.arrived(1, 1, 1)).isFalse();
	}

	@Test
	void webStompClientsSubscribeToRoutingKeysOnAmqTopic() {
		LoadPlan plan = new LoadPlan(LoadTarget.WEB_STOMP, "r2", LoadPlan.syntheticIds("r2", 2), 1, 1, 1, true);
		List<String> destinations = plan.destinations(1);
		assertThat(destinations).containsExactly("/topic/client.load-r2-1", "/topic/topic.load-r2-t0",
				"/topic/broadcast");
		StreamTracker tracker = plan.trackerFor(1);
		tracker.address(new long[plan.directStream(plan.clients())]);
		assertThat(tracker.arrived(2, plan.broadcastStream(), 1)).isTrue();
		assertThat(tracker.arrived(0, plan.broadcastStream(), 2)).isFalse();
	}

}
