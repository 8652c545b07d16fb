package dev.warren.publisher.topic;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.ErrorResponseException;

import dev.warren.common.ChannelName;
import dev.warren.publisher.web.ApiProblems;
import dev.warren.publisher.web.InvalidFieldException;

/**
 * The topic catalogue: create, read, change, delete, each change announced on
 * {@value TopicEvents#CATALOGUE_TOPIC}.
 */
@Service
class TopicService {

	private final TopicRepository topics;

	private final TopicEvents events;

	private final Clock clock;

	TopicService(TopicRepository topics, TopicEvents events, Clock clock) {
		this.topics = topics;
		this.events = events;
		this.clock = clock;
	}

	TopicView create(TopicRequest request) {
		String name = request.name();
		if (name == null || !ChannelName.isValid(name)) {
			throw new InvalidFieldException("name", "must be 1-128 characters of [A-Za-z0-9_.-]");
		}
		checkVisibility(request);
		if (this.topics.existsById(name)) {
			throw duplicate(name);
		}
		Instant now = now();
		Topic topic = new Topic(name, now);
		topic.apply(request, now);
		try {
			topic = this.topics.saveAndFlush(topic);
		}
		catch (DataIntegrityViolationException ex) {
			throw duplicate(name);
		}
		TopicView view = topic.view();
		this.events.created(view);
		return view;
	}

	/**
	 * Adds a topic seen on the ingest path, as public, unless the catalogue has it.
	 * @param name the topic
	 */
	void recordSeen(String name) {
		if (this.topics.existsById(name)) {
			return;
		}
		Instant now = now();
		Topic topic = new Topic(name, now);
		topic.apply(new TopicRequest(name, null, "public", false), now);
		try {
			topic = this.topics.saveAndFlush(topic);
		}
		catch (DataIntegrityViolationException ex) {
			// Recorded at the same moment by another instance.
			return;
		}
		this.events.created(topic.view());
	}

	Page<TopicView> list(int page, int size) {
		return this.topics.findAll(PageRequest.of(page, size, Sort.by("name"))).map(Topic::view);
	}

	TopicView get(String name) {
		return this.topics.findById(name).map(Topic::view).orElseThrow(() -> unknown(name));
	}

	TopicView update(String name, TopicRequest request) {
		checkVisibility(request);
		if (request.name() != null && !request.name().equals(name)) {
			throw new InvalidFieldException("name", "a topic is renamed by creating another; leave name out");
		}
		Topic topic = this.topics.findById(name).orElseThrow(() -> unknown(name));
		topic.apply(request, now());
		TopicView view = this.topics.saveAndFlush(topic).view();
		this.events.updated(view);
		return view;
	}

	void delete(String name) {
		if (!this.topics.existsById(name)) {
			throw unknown(name);
		}
		this.topics.deleteById(name);
		this.events.deleted(name);
	}

	/**
	 * Private topics need every node to enforce their members live; until nodes do, the
	 * catalogue does not pretend to offer them.
	 */
	private static void checkVisibility(TopicRequest request) {
		if ("private".equals(request.visibility())) {
			throw new InvalidFieldException("visibility",
					"private topics are not available yet: the nodes do not enforce members; use public");
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

}
