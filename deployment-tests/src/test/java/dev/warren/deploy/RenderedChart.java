package dev.warren.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The manifests {@code helm template} renders from {@code helm/warren}, run by Helm
 * itself in-process (helm-java), parsed into mappings.
 */
final class RenderedChart {

	static final String RELEASE = "rel";

	private final List<Map<String, Object>> manifests;

	private RenderedChart(List<Map<String, Object>> manifests) {
		this.manifests = manifests;
	}

	static Path chart() {
		return Project.file("helm/warren");
	}

	/**
	 * Renders the chart with its default values, plus {@code valuesFile} when given.
	 * @param valuesFile extra values, or {@code null}
	 * @param set values set on the command line, as {@code --set key=value}
	 * @return the manifests
	 */
	static RenderedChart render(Path valuesFile, Map<String, Object> set) {
		return render(chart(), valuesFile, set);
	}

	/**
	 * Renders {@code chart} with its default values, plus {@code valuesFile} when given.
	 * @param chart the chart directory
	 * @param valuesFile extra values, or {@code null}
	 * @param set values set on the command line, as {@code --set key=value}
	 * @return the manifests
	 */
	@SuppressWarnings("unchecked")
	static RenderedChart render(Path chart, Path valuesFile, Map<String, Object> set) {
		TemplateCommand template = new Helm(chart).template().withName(RELEASE).withNamespace("warren");
		if (valuesFile != null) {
			template = template.withValuesFile(valuesFile);
		}
		for (Map.Entry<String, Object> entry : set.entrySet()) {
			template = template.set(entry.getKey(), entry.getValue());
		}
		List<Map<String, Object>> manifests = new ArrayList<>();
		for (Object document : new Yaml(new LoaderOptions()).loadAll(template.call())) {
			if (document != null) {
				manifests.add((Map<String, Object>) document);
			}
		}
		return new RenderedChart(manifests);
	}

	static RenderedChart defaults() {
		return render(null, Map.of());
	}

	static RenderedChart externalServices() {
		return render(Project.file("helm/warren/ci/external-services-values.yaml"), Map.of());
	}

	List<Map<String, Object>> all() {
		return this.manifests;
	}

	List<Map<String, Object>> ofKind(String kind) {
		return this.manifests.stream().filter((m) -> kind.equals(m.get("kind"))).collect(Collectors.toList());
	}

	Map<String, Object> get(String kind, String name) {
		return ofKind(kind).stream()
			.filter((m) -> name.equals(Project.at(m, "metadata", "name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " rendered; rendered: "
					+ this.manifests.stream()
						.map((m) -> m.get("kind") + "/" + Project.at(m, "metadata", "name"))
						.collect(Collectors.joining(", "))));
	}

	boolean has(String kind, String name) {
		return ofKind(kind).stream().anyMatch((m) -> Objects.equals(name, Project.at(m, "metadata", "name")));
	}

	/**
	 * The one container of a Deployment.
	 * @param deployment the Deployment's name
	 * @return the container
	 */
	@SuppressWarnings("unchecked")
	Map<String, Object> container(String deployment) {
		List<Map<String, Object>> containers = Project.at(get("Deployment", deployment), "spec", "template", "spec",
				"containers");
		return containers.get(0);
	}

	/**
	 * The environment a Deployment's container gets: its {@code envFrom} ConfigMaps' keys
	 * and its {@code env} entries, by name, each with its literal value or a description
	 * of its source.
	 * @param deployment the Deployment's name
	 * @return variable name to value
	 */
	@SuppressWarnings("unchecked")
	Map<String, String> environment(String deployment) {
		Map<String, String> env = new TreeMap<>();
		Map<String, Object> container = container(deployment);
		List<Map<String, Object>> envFrom = (List<Map<String, Object>>) container.getOrDefault("envFrom", List.of());
		for (Map<String, Object> source : envFrom) {
			String configMap = Project.at(source, "configMapRef", "name");
			Map<String, Object> data = Project.at(get("ConfigMap", configMap), "data");
			data.forEach((key, value) -> env.put(key, String.valueOf(value)));
		}
		List<Map<String, Object>> entries = (List<Map<String, Object>>) container.getOrDefault("env", List.of());
		for (Map<String, Object> entry : entries) {
			Object value = entry.containsKey("value") ? entry.get("value") : "<from " + entry.get("valueFrom") + ">";
			env.put((String) entry.get("name"), String.valueOf(value));
		}
		return env;
	}

}
