package dev.warren.publisher.topic;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.web.ErrorResponseException;

import dev.warren.common.ChannelName;
import dev.warren.publisher.node.NodeRegistry;
import dev.warren.publisher.web.ApiProblems;
import dev.warren.publisher.encryption.EncryptedTopics;
import dev.warren.publisher.web.InvalidFieldException;

/**
 * The topic catalogue: create, read, change, delete, members of private topics. A change
 * is stored with the next value of the rule clock, then announced to the nodes
 * ({@link TopicRules}) and on {@value TopicEvents#CATALOGUE_TOPIC}; the answer waits for
 * both, so when it arrives every node has the rule in its queue.
 */
@Service
class TopicService {

	private final TopicRepository topics;

	private final TopicRules rules;

	private final TopicEvents events;

	private final TransactionOperations transactions;

	private final NodeRegistry nodes;

	private final Clock clock;

	private final EncryptedTopics encryptedTopics;

	TopicService(TopicRepository topics, TopicRules rules, TopicEvents events, TransactionOperations transactions,
			NodeRegistry nodes, EncryptedTopics encryptedTopics, Clock clock) {
		this.encryptedTopics = encryptedTopics;
		this.nodes = nodes;
		this.topics = topics;
		this.rules = rules;
		this.events = events;
		this.transactions = transactions;
		this.clock = clock;
	}

	TopicView create(TopicRequest request) {
		String name = request.name();
		if (name == null || !ChannelName.isValid(name)) {
			throw new InvalidFieldException("name", "must be 1-128 characters of [A-Za-z0-9_.-]");
		}
		if (name.equals(TopicEvents.CATALOGUE_TOPIC)) {
			throw new InvalidFieldException("name", "'" + name + "' carries the catalogue's own changes");
		}
		List<String> members = checkMembers(request);
		if (this.topics.existsById(name)) {
			throw duplicate(name);
		}
		Changed changed;
		try {
			changed = this.transactions.execute((status) -> {
				Instant now = now();
				Topic topic = new Topic(name, now);
				topic.apply(request, now);
				topic.replaceMembers(members);
				topic.ruleChanged(tick(), now);
				return changed(this.topics.saveAndFlush(topic));
			});
		}
		catch (DataIntegrityViolationException ex) {
			throw duplicate(name);
		}
		this.rules.announce(changed.rule());
		this.encryptedTopics.changed(name, changed.view().encrypted(), changed.rule().members());
		this.events.created(changed.view());
		return changed.view();
	}

	/**
	 * Adds a topic seen on the ingest path, as public, unless the catalogue has it. Its
	 * rule is the default one, which nodes apply to every topic they have no rule for: no
	 * announcement.
	 * @param name the topic
	 */
	void recordSeen(String name) {
		if (this.topics.existsById(name)) {
			return;
		}
		Instant now = now();
		Topic topic = new Topic(name, now);
		topic.apply(new TopicRequest(name, null, "public", false, null, false), now);
		try {
			topic = this.topics.saveAndFlush(topic);
		}
		catch (DataIntegrityViolationException ex) {
			// Recorded at the same moment by another instance.
			return;
		}
		this.events.created(topic.view());
	}

	@Transactional(readOnly = true)
	Page<TopicView> list(int page, int size) {
		Map<String, Integer> subscribers = this.nodes.subscribers();
		return this.topics.findAll(PageRequest.of(page, size, Sort.by("name")))
			.map((topic) -> liveView(topic, subscribers));
	}

	@Transactional(readOnly = true)
	TopicView get(String name) {
		Map<String, Integer> subscribers = this.nodes.subscribers();
		return this.topics.findById(name).map((topic) -> liveView(topic, subscribers)).orElseThrow(() -> unknown(name));
	}

	@Transactional(readOnly = true)
	List<String> members(String name) {
		Topic topic = this.topics.findById(name).orElseThrow(() -> unknown(name));
		return topic.members().stream().sorted().toList();
	}

	TopicView update(String name, TopicRequest request) {
		if (request.name() != null && !request.name().equals(name)) {
			throw new InvalidFieldException("name", "a topic is renamed by creating another; leave name out");
		}
		List<String> members = checkMembers(request);
		List<String> replacing = (request.members() != null) ? members : null;
		Changed changed = change(name, (topic) -> {
			topic.apply(request, now());
			if (replacing != null) {
				topic.replaceMembers(replacing);
			}
			return true;
		});
		announce(changed);
		return changed.view();
	}

	/**
	 * Adds a member; adding one twice changes nothing.
	 * @return whether it was added
	 */
	boolean addMember(String name, String clientId) {
		checkClientId(clientId);
		Changed changed = change(name, (topic) -> topic.addMember(clientId));
		if (changed.rule() != null) {
			announce(changed);
			return true;
		}
		return false;
	}

	void removeMember(String name, String clientId) {
		checkClientId(clientId);
		Changed changed = change(name, (topic) -> topic.removeMember(clientId));
		if (changed.rule() == null) {
			throw ApiProblems.of(HttpStatus.NOT_FOUND, "Client " + clientId + " is no member of topic " + name + ".");
		}
		announce(changed);
	}

	void delete(String name) {
		long version = this.transactions.execute((status) -> {
			if (!this.topics.existsById(name)) {
				throw unknown(name);
			}
			this.topics.deleteById(name);
			this.topics.flush();
			return tick();
		});
		this.rules.announce(TopicRule.deleted(name, version));
		this.encryptedTopics.changed(name, false, Set.of());
		this.events.deleted(name);
	}

	/**
	 * Changes a topic in one transaction; when {@code change} says it changed something,
	 * its rule gets the next version.
	 */
	private Changed change(String name, Function<Topic, Boolean> change) {
		return this.transactions.execute((status) -> {
			Topic topic = this.topics.findById(name).orElseThrow(() -> unknown(name));
			if (!change.apply(topic)) {
				return new Changed(topic.view(), null);
			}
			topic.ruleChanged(tick(), now());
			return changed(this.topics.saveAndFlush(topic));
		});
	}

	private static TopicView liveView(Topic topic, Map<String, Integer> subscribers) {
		TopicView view = topic.view();
		return view.withSubscribers(subscribers.getOrDefault(view.name(), 0));
	}

	private void announce(Changed changed) {
		this.rules.announce(changed.rule());
		this.encryptedTopics.changed(changed.view().name(), changed.view().encrypted(), changed.rule().members());
		this.events.updated(changed.view());
	}

	private long tick() {
		this.topics.tickRuleClock();
		return this.topics.ruleClock();
	}

	private static Changed changed(Topic topic) {
		return new Changed(topic.view(), topic.rule());
	}

	private static List<String> checkMembers(TopicRequest request) {
		List<String> members = (request.members() != null) ? request.members() : List.of();
		for (String member : members) {
			if (member == null || !ChannelName.isValid(member)) {
				throw new InvalidFieldException("members", "client ids are 1-128 characters of [A-Za-z0-9_.-]");
			}
		}
		if (!members.isEmpty() && !"private".equals(request.visibility())) {
			throw new InvalidFieldException("members", "only a private topic has members");
		}
		if (Boolean.TRUE.equals(request.encrypted()) && !"private".equals(request.visibility())) {
			throw new InvalidFieldException("encrypted",
					"only a private topic is encrypted: its members are whom its messages are sealed for");
		}
		return members;
	}

	private static void checkClientId(String clientId) {
		if (!ChannelName.isValid(clientId)) {
			throw new InvalidFieldException("clientId", "client ids are 1-128 characters of [A-Za-z0-9_.-]");
		}
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	private static ErrorResponseException duplicate(String name) {
		return ApiProblems.of(HttpStatus.CONFLICT, "Topic " + name + " exists.");
	}

	private static ErrorResponseException unknown(String name) {
		return ApiProblems.of(HttpStatus.NOT_FOUND, "No topic " + name + ".");
	}

	/** A change as stored: its view, and its rule when the rule changed. */
	private record Changed(TopicView view, TopicRule rule) {
	}

}
