package dev.warren.common.web;

import org.apache.catalina.core.StandardHost;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every HTTP error of a Warren service as an RFC 9457 problem
 * ({@code application/problem+json}), also those raised before Spring MVC sees the
 * request: Spring MVC's own through the services' exception handlers, errors sent by
 * filters or the servlet container ({@code sendError}, a {@code TRACE}) through
 * {@link ProblemErrorController} at {@code /error}, and what Tomcat refuses before any
 * application code runs (a request line or headers it cannot read or that are too large,
 * an encoded {@code ../}) through {@link ProblemErrorReportValve} instead of Tomcat's
 * HTML page. Imported by each service's application class.
 */
@Configuration(proxyBeanMethods = false)
public class ProblemErrors {

	@Bean
	ProblemErrorController problemErrorController() {
		return new ProblemErrorController();
	}

	@Bean
	WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
		return (factory) -> factory.addContextCustomizers((context) -> {
			if (context.getParent() instanceof StandardHost host) {
				host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
			}
		});
	}

}
