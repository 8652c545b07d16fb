package dev.warren.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The code examples of one page of {@code docs/}, taken from the page as a reader copies
 * them, so that a test runs exactly what the page shows.
 */
final class DocsExamples {

	private static final Pattern FENCE = Pattern.compile("```(\\w*)\\n(.*?)```", Pattern.DOTALL);

	private final String page;

	private final String text;

	private DocsExamples(String page, String text) {
		this.page = page;
		this.text = text;
	}

	/**
	 * Reads {@code docs/<page>} from the directory named by the {@code warren.docs}
	 * system property.
	 * @param page file name, such as {@code protocol.md}
	 * @return its examples
	 */
	static DocsExamples of(String page) {
		Path file = Path.of(System.getProperty("warren.docs", "../docs")).resolve(page);
		try {
			return new DocsExamples(page, Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file, ex);
		}
	}

	/**
	 * The first code block after the sentence that tells the reader to save it.
	 * @param fileName the name the page gives it, as in "save as `produce.mjs`"
	 * @return the block's text
	 */
	String savedAs(String fileName) {
		String sentence = "save as `" + fileName + "`";
		int at = this.text.indexOf(sentence);
		if (at < 0) {
			throw new IllegalStateException(this.page + " no longer says \"" + sentence + "\"");
		}
		return block(at, null);
	}

	/**
	 * The script of the first {@code html} block after {@code marker}: what a browser
	 * runs.
	 * @param marker text just before the block
	 * @return the content of its {@code <script type="module">}
	 */
	String browserScriptAfter(String marker) {
		String html = block(indexOf(marker), "html");
		int start = html.indexOf("<script type=\"module\">");
		int end = html.indexOf("</script>");
		if (start < 0 || end < start) {
			throw new IllegalStateException(this.page + ": the block after \"" + marker + "\" has no module script");
		}
		return html.substring(start + "<script type=\"module\">".length(), end);
	}

	/**
	 * The commands and answers of the first {@code console} block after {@code marker}.
	 * @param marker text just before the block
	 * @return each command ({@code $ } removed, continuation lines joined) with the lines
	 * shown as its output
	 */
	List<Command> consoleAfter(String marker) {
		List<Command> commands = new ArrayList<>();
		StringBuilder command = null;
		List<String> output = null;
		boolean continued = false;
		for (String line : block(indexOf(marker), "console").split("\n")) {
			if (line.startsWith("$ ")) {
				if (command != null) {
					commands.add(new Command(command.toString(), output));
				}
				command = new StringBuilder(line.substring(2));
				output = new ArrayList<>();
			}
			else if (continued) {
				command.append('\n').append(line);
			}
			else if (!line.isBlank() && output != null) {
				output.add(line);
			}
			continued = line.endsWith("\\");
		}
		if (command != null) {
			commands.add(new Command(command.toString(), output));
		}
		return commands;
	}

	private int indexOf(String marker) {
		int at = this.text.indexOf(marker);
		if (at < 0) {
			throw new IllegalStateException(this.page + " no longer contains \"" + marker + "\"");
		}
		return at;
	}

	private String block(int from, String language) {
		Matcher fence = FENCE.matcher(this.text);
		int at = from;
		while (fence.find(at)) {
			if (language == null || language.equals(fence.group(1))) {
				return fence.group(2);
			}
			at = fence.end();
		}
		throw new IllegalStateException(
				this.page + ": no " + ((language != null) ? language + " " : "") + "code block after offset " + from);
	}

	/**
	 * A shell command of an example and the output the page shows for it.
	 *
	 * @param line the command
	 * @param output the lines the page shows after it
	 */
	record Command(String line, List<String> output) {
	}

}
