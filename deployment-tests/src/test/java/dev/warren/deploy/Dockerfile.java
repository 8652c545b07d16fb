package dev.warren.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The root {@code Dockerfile}, parsed into its stages, enough to check what an image
 * built from a target would hold: no engine runs here to build it.
 */
final class Dockerfile {

	private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"[^\"]*\"|\\S+)");

	private static final Pattern VARIABLE = Pattern
		.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

	private final Map<String, Stage> stages;

	private Dockerfile(Map<String, Stage> stages) {
		this.stages = stages;
	}

	static Dockerfile read() {
		Map<String, Stage> stages = new LinkedHashMap<>();
		Stage current = null;
		for (String line : logicalLines(Project.read("Dockerfile"))) {
			String[] parts = line.split("\\s+", 2);
			String keyword = parts[0].toUpperCase();
			String arguments = (parts.length > 1) ? parts[1].trim() : "";
			if (keyword.equals("FROM")) {
				String[] from = arguments.split("\\s+");
				String name = (from.length == 3 && from[1].equalsIgnoreCase("AS")) ? from[2] : "stage" + stages.size();
				current = new Stage(name, from[0], new ArrayList<>());
				stages.put(name, current);
			}
			else if (current != null) {
				current.instructions().add(new Instruction(keyword, arguments));
			}
		}
		return new Dockerfile(stages);
	}

	private static List<String> logicalLines(String text) {
		List<String> lines = new ArrayList<>();
		StringBuilder pending = new StringBuilder();
		for (String raw : text.split("\n")) {
			String line = raw.strip();
			if (line.startsWith("#") || (line.isEmpty() && pending.length() == 0)) {
				continue;
			}
			if (line.endsWith("\\")) {
				pending.append(line, 0, line.length() - 1).append(' ');
				continue;
			}
			pending.append(line);
			if (pending.length() > 0) {
				lines.add(pending.toString().replaceAll("\\s+", " ").trim());
			}
			pending.setLength(0);
		}
		return lines;
	}

	boolean hasTarget(String name) {
		return this.stages.containsKey(name);
	}

	Stage stage(String name) {
		Stage stage = this.stages.get(name);
		if (stage == null) {
			throw new AssertionError("Dockerfile has no stage " + name + "; it has " + this.stages.keySet());
		}
		return stage;
	}

	/**
	 * The instructions an image built from {@code target} went through, its base stages'
	 * first.
	 * @param target the target stage
	 * @return the instructions in order
	 */
	List<Instruction> chain(String target) {
		List<Instruction> chain = new ArrayList<>();
		Stage stage = stage(target);
		if (this.stages.containsKey(stage.base())) {
			chain.addAll(chain(stage.base()));
		}
		chain.addAll(stage.instructions());
		return chain;
	}

	/**
	 * The last argument of {@code keyword} an image built from {@code target} has, or
	 * {@code null}.
	 * @param target the target stage
	 * @param keyword the instruction
	 * @return its arguments
	 */
	String last(String target, String keyword) {
		String last = null;
		for (Instruction instruction : chain(target)) {
			if (instruction.keyword().equals(keyword)) {
				last = instruction.arguments();
			}
		}
		return last;
	}

	List<String> all(String target, String keyword) {
		return chain(target).stream().filter((i) -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
	}

	/**
	 * The environment an image built from {@code target} has, with {@code $VAR} and
	 * {@code ${VAR}} in a value replaced as Docker replaces them: by the value the
	 * variable had before that ENV instruction (its base stages' included), empty if
	 * none.
	 * @param target the target stage
	 * @return variable name to value
	 */
	Map<String, String> environment(String target) {
		Map<String, String> env = new LinkedHashMap<>();
		for (String arguments : all(target, "ENV")) {
			Map<String, String> before = Map.copyOf(env);
			Matcher matcher = ENV_PAIR.matcher(arguments);
			while (matcher.find()) {
				String value = matcher.group(2).replaceAll("^\"|\"$", "");
				env.put(matcher.group(1), VARIABLE.matcher(value)
					.replaceAll((variable) -> Matcher.quoteReplacement(before
						.getOrDefault((variable.group(1) != null) ? variable.group(1) : variable.group(2), ""))));
			}
		}
		return env;
	}

	record Stage(String name, String base, List<Instruction> instructions) {
	}

	record Instruction(String keyword, String arguments) {
	}

}
