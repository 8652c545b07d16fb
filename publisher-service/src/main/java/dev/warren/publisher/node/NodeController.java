package dev.warren.publisher.node;

import java.util.List;

import io.swagger.v3.oas.annotations.security.SecurityRequirement;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.warren.publisher.security.SecurityConfiguration;

/**
 * The socket-server nodes that run; the {@code admin} scope.
 */
@RestController
@SecurityRequirement(name = SecurityConfiguration.BEARER, scopes = "admin")
class NodeController {

	private final NodeRegistry nodes;

	NodeController(NodeRegistry nodes) {
		this.nodes = nodes;
	}

	@GetMapping("/v1/nodes")
	List<NodeView> nodes() {
		return this.nodes.live();
	}

}
