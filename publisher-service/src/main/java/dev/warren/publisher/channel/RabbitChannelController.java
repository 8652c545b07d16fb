package dev.warren.publisher.channel;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.warren.publisher.security.SecurityConfiguration;

/**
 * The rabbit channels Warren consumes; admin only.
 */
@RestController
@SecurityRequirement(name = SecurityConfiguration.BEARER, scopes = "admin")
class RabbitChannelController {

	private final RabbitChannelService channels;

	RabbitChannelController(RabbitChannelService channels) {
		this.channels = channels;
	}

	/**
	 * Ensures the default channel (ingest queue on the ingest exchange, {@code #}).
	 * @return the channel
	 */
	@GetMapping("/v1/create-rabbit-ch")
	RabbitChannelView createDefault() {
		return this.channels.ensureDefault();
	}

	@PostMapping("/v1/rabbit-channels")
	ResponseEntity<RabbitChannelView> create(@Valid @RequestBody RabbitChannelRequest request) {
		RabbitChannelView channel = this.channels.create(request);
		return ResponseEntity.created(URI.create("/v1/rabbit-channels/" + channel.name())).body(channel);
	}

	@GetMapping("/v1/rabbit-channels")
	List<RabbitChannelView> list() {
		return this.channels.list();
	}

	@GetMapping("/v1/rabbit-channels/{name}")
	RabbitChannelView get(@PathVariable String name) {
		return this.channels.get(name);
	}

	@DeleteMapping("/v1/rabbit-channels/{name}")
	ResponseEntity<Void> delete(@PathVariable String name) {
		this.channels.delete(name);
		return ResponseEntity.noContent().build();
	}

}
