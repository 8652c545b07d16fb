package dev.warren.publisher.topic;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.data.domain.Page;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.warren.publisher.security.SecurityConfiguration;

/**
 * The topic catalogue; the {@code topics:write} scope (or {@code admin}).
 */
@RestController
@SecurityRequirement(name = SecurityConfiguration.BEARER, scopes = "topics:write")
class TopicController {

	private final TopicService topics;

	TopicController(TopicService topics) {
		this.topics = topics;
	}

	@PostMapping("/v1/topics")
	ResponseEntity<TopicView> create(@Valid @RequestBody TopicRequest request) {
		TopicView topic = this.topics.create(request);
		return ResponseEntity.created(URI.create("/v1/topics/" + topic.name())).body(topic);
	}

	@GetMapping("/v1/topics")
	TopicPage list(@RequestParam(defaultValue = "0") @Min(0) int page,
			@RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
		Page<TopicView> found = this.topics.list(page, size);
		return new TopicPage(found.getContent(), page, size, found.getTotalElements());
	}

	@GetMapping("/v1/topics/{name}")
	TopicView get(@PathVariable String name) {
		return this.topics.get(name);
	}

	@PutMapping("/v1/topics/{name}")
	TopicView update(@PathVariable String name, @Valid @RequestBody TopicRequest request) {
		return this.topics.update(name, request);
	}

	@DeleteMapping("/v1/topics/{name}")
	ResponseEntity<Void> delete(@PathVariable String name) {
		this.topics.delete(name);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/v1/topics/{name}/members")
	List<String> members(@PathVariable String name) {
		return this.topics.members(name);
	}

	/** Adds a member: from now on it may subscribe, on every node. */
	@PutMapping("/v1/topics/{name}/members/{clientId}")
	ResponseEntity<Void> addMember(@PathVariable String name, @PathVariable String clientId) {
		boolean added = this.topics.addMember(name, clientId);
		return added ? ResponseEntity.status(HttpStatus.CREATED).build() : ResponseEntity.noContent().build();
	}

	/**
	 * Removes a member: its subscriptions on every node get one last message,
	 * {@code warren-control: revoked}.
	 */
	@DeleteMapping("/v1/topics/{name}/members/{clientId}")
	ResponseEntity<Void> removeMember(@PathVariable String name, @PathVariable String clientId) {
		this.topics.removeMember(name, clientId);
		return ResponseEntity.noContent().build();
	}

	/**
	 * One page of the catalogue, by name.
	 *
	 * @param items the topics
	 * @param page the page's index, from 0
	 * @param size the page size asked for
	 * @param total how many topics there are
	 */
	record TopicPage(List<TopicView> items, int page, int size, long total) {
	}

}
