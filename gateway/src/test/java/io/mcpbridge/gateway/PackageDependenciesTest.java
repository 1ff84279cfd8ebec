package io.mcpbridge.gateway;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's feature packages form no cycle, and the two wire-format adapters
 * ({@code api}, {@code mcp}) stand side by side on the call pipeline, never on each
 * other. Read from the source tree's imports (same-package references need no import, and
 * cross-package ones always do here: the code base uses no wildcard or fully qualified
 * references across features).
 */
class PackageDependenciesTest {

	private static final Path SOURCES = Path.of("src/main/java/io/mcpbridge/gateway");

	private static final Pattern IMPORT = Pattern.compile("^import (?:static )?io\\.mcpbridge\\.gateway\\.([a-z]+)\\.",
			Pattern.MULTILINE);

	private static Map<String, Set<String>> graph;

	@BeforeAll
	static void readImports() throws IOException {
		graph = dependencies(SOURCES);
	}

	@Test
	void theSourceTreeIsFound() {
		assertThat(graph).containsKeys("api", "mcp", "call", "status");
	}

	@Test
	void noPackageCycle() {
		assertThat(cycle(graph)).as("a cycle between the gateway's packages").isEmpty();
	}

	@Test
	void theAdaptersNeverImportEachOther() {
		assertThat(graph.get("api")).doesNotContain("mcp");
		assertThat(graph.get("mcp")).doesNotContain("api");
	}

	@Test
	void nothingImportsTheStatusPage() {
		graph.forEach((from, to) -> assertThat(to).as(from + " imports status").doesNotContain("status"));
	}

	@Test
	void aCycleIsFoundWhenThereIsOne() {
		Map<String, Set<String>> looped = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"));
		assertThat(cycle(looped)).contains(List.of("a", "b", "c", "a"));
	}

	/**
	 * Package (first segment under the gateway) to the packages it imports, itself
	 * excluded.
	 */
	static Map<String, Set<String>> dependencies(Path root) throws IOException {
		Map<String, Set<String>> edges = new TreeMap<>();
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
				Path relative = root.relativize(file);
				if (relative.getNameCount() < 2) {
					continue; // the application class at the root
				}
				String from = relative.getName(0).toString();
				Set<String> to = edges.computeIfAbsent(from, key -> new TreeSet<>());
				Matcher matcher = IMPORT.matcher(Files.readString(file));
				while (matcher.find()) {
					if (!matcher.group(1).equals(from)) {
						to.add(matcher.group(1));
					}
				}
			}
		}
		return edges;
	}

	/**
	 * One cycle as the path that closes it (first node repeated at the end), if the graph
	 * has one.
	 */
	static Optional<List<String>> cycle(Map<String, Set<String>> edges) {
		Set<String> finished = new TreeSet<>();
		for (String start : new TreeSet<>(edges.keySet())) {
			Optional<List<String>> found = visit(start, edges, new ArrayDeque<>(), finished);
			if (found.isPresent()) {
				return found;
			}
		}
		return Optional.empty();
	}

	private static Optional<List<String>> visit(String node, Map<String, Set<String>> edges, Deque<String> path,
			Set<String> finished) {
		if (path.contains(node)) {
			List<String> loop = new ArrayList<>();
			List<String> onPath = new ArrayList<>(path);
			java.util.Collections.reverse(onPath);
			loop.addAll(onPath.subList(onPath.indexOf(node), onPath.size()));
			loop.add(node);
			return Optional.of(loop);
		}
		if (finished.contains(node)) {
			return Optional.empty();
		}
		path.push(node);
		for (String next : new TreeSet<>(edges.getOrDefault(node, Set.of()))) {
			Optional<List<String>> found = visit(next, edges, path, finished);
			if (found.isPresent()) {
				return found;
			}
		}
		path.pop();
		finished.add(node);
		return Optional.empty();
	}

}
