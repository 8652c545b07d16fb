package dev.warren.subclient.market;

import java.io.PrintStream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Commands on the control exchange, one JSON object per message, as seed 003's bus had
 * them: {@code {"command":"pause","symbol":"AAPL"}},
 * {@code {"command":"resume","symbol":…}}, {@code {"command":"rate","rate":5}} (ticks per
 * second of each symbol) and {@code {"command":"stop"}}. A command that cannot be applied
 * is reported and ignored.
 */
public final class MarketControl {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final MarketFeed feed;

	private final PrintStream err;

	public MarketControl(MarketFeed feed, PrintStream err) {
		this.feed = feed;
		this.err = err;
	}

	/**
	 * Applies one command.
	 * @param body the message body
	 * @return whether it was applied
	 */
	public boolean apply(byte[] body) {
		JsonNode command;
		try {
			command = json.readTree(body);
		}
		catch (JacksonException ex) {
			return refuse("not JSON");
		}
		String name = command.path("command").asString("");
		String symbol = command.path("symbol").asString(null);
		switch (name) {
			case "pause", "resume" -> {
				if (symbol == null || !this.feed.pause(symbol, name.equals("pause"))) {
					return refuse(name + " needs a symbol of this feed, one of " + this.feed.symbols());
				}
			}
			case "rate" -> {
				try {
					this.feed.rate(command.path("rate").asDouble(0));
				}
				catch (IllegalArgumentException ex) {
					return refuse(ex.getMessage());
				}
			}
			case "stop" -> this.feed.stop();
			default -> {
				return refuse("unknown command '" + name + "': pause, resume, rate or stop");
			}
		}
		this.err.println("market: " + command);
		return true;
	}

	private boolean refuse(String why) {
		this.err.println("market: control message ignored: " + why);
		return false;
	}

}
