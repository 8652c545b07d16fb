package dev.warren.common;

import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * One switch for the log format of every Warren jar: {@code WARREN_LOG_FORMAT=json}
 * (property {@code warren.log-format}) makes the console log one ECS JSON object per
 * line, through Spring Boot's structured logging, and leaves out the banner;
 * {@code text}, the default, keeps Boot's pattern. It runs before Boot sets up logging,
 * and adds its setting with the lowest precedence, so a
 * {@code logging.structured.format.console} set explicitly (say {@code logstash}) wins.
 * Any other value stops the start with a message that names the accepted ones, rather
 * than logging in a format nobody asked for.
 */
public class LogFormatEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** The switch. */
	public static final String PROPERTY = "warren.log-format";

	/** The structured format {@code json} stands for. */
	static final String JSON_FORMAT = "ecs";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String format = environment.getProperty(PROPERTY, "text").trim().toLowerCase(Locale.ROOT);
		switch (format) {
			case "text", "" -> {
			}
			// The banner is no log line: a JSON pipeline would choke on it.
			case "json" -> environment.getPropertySources()
				.addLast(new MapPropertySource("warrenLogFormat",
						Map.of("logging.structured.format.console", JSON_FORMAT, "spring.main.banner-mode", "off")));
			default -> throw new IllegalArgumentException(
					"WARREN_LOG_FORMAT (warren.log-format) must be json or text, not '" + format + "'");
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
