package dev.warren.publisher.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Liveness for humans and probes at {@code GET /}.
 */
@RestController
class ServiceInfoController {

	private final ServiceInfo info;

	ServiceInfoController(ObjectProvider<BuildProperties> build) {
		BuildProperties properties = build.getIfAvailable();
		this.info = new ServiceInfo("publisher-service", "UP",
				(properties != null && properties.getVersion() != null) ? properties.getVersion() : "unknown");
	}

	@GetMapping("/")
	ServiceInfo info() {
		return this.info;
	}

	/**
	 * What {@code GET /} answers.
	 *
	 * @param service the service name
	 * @param status always {@code UP} while the process answers
	 * @param version the build version
	 */
	record ServiceInfo(String service, String status, String version) {
	}

}
