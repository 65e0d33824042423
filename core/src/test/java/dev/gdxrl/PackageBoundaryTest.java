package dev.gdxrl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * core's package boundary, read from its sources: {@code env} (the pure API) uses no other package
 * of ours, and the top-level packages ({@code env}, {@code control}, {@code box2d}, {@code npc},
 * {@code sim}, {@code registry}) form no cycle.
 */
class PackageBoundaryTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/gdxrl");
  private static final Pattern USE = Pattern.compile("\\bdev\\.gdxrl\\.([a-z0-9]+)\\b");

  @Test
  void envUsesNoOtherPackageOfOurs() {
    assertThat(uses().get("env")).isEmpty();
  }

  @Test
  void theTopLevelPackagesFormNoCycle() {
    Map<String, Set<String>> uses = uses();
    assertThat(uses.keySet()).contains("env", "control", "box2d", "npc", "sim", "registry");
    for (String p : uses.keySet()) {
      assertThat(reachable(uses, p)).as("packages reachable from %s (via %s)", p, uses.get(p))
          .doesNotContain(p);
    }
  }

  @Test
  void aCycleIsFound() {
    Map<String, Set<String>> uses = new TreeMap<>();
    uses.put("a", Set.of("b"));
    uses.put("b", Set.of("c"));
    uses.put("c", Set.of("a"));
    uses.put("d", Set.of("a"));
    assertThat(reachable(uses, "a")).contains("a");
    assertThat(reachable(uses, "d")).doesNotContain("d");
  }

  /** Packages reachable from {@code p} by one or more uses. */
  private static Set<String> reachable(Map<String, Set<String>> uses, String p) {
    Set<String> seen = new TreeSet<>();
    List<String> todo = new ArrayList<>(uses.getOrDefault(p, Set.of()));
    while (!todo.isEmpty()) {
      String q = todo.remove(todo.size() - 1);
      if (seen.add(q)) {
        todo.addAll(uses.getOrDefault(q, Set.of()));
      }
    }
    return seen;
  }

  /** Top-level package -> the other top-level packages its code names (comments left out). */
  private static Map<String, Set<String>> uses() {
    Map<String, Set<String>> uses = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      for (Path f : files.filter(x -> x.toString().endsWith(".java")).toList()) {
        Path rel = SOURCES.relativize(f);
        if (rel.getNameCount() < 2) {
          continue;
        }
        String pkg = rel.getName(0).toString();
        Set<String> to = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
        Matcher m = USE.matcher(withoutComments(Files.readString(f)));
        while (m.find()) {
          if (!m.group(1).equals(pkg)) {
            to.add(m.group(1));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return uses;
  }

  private static String withoutComments(String src) {
    return src.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\\n]*", " ");
  }
}
