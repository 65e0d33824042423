package dev.gdxrl.desktop.cli;

import dev.gdxrl.registry.EnvRegistry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs the CLI in-process and captures its exit status, stdout and stderr. */
final class CliRunner {
  record Run(int status, String out, String err) {
    List<String> errLines() {
      return err.lines().toList();
    }

    /** The key=value pairs of the last RESULT line on stdout. */
    Map<String, String> result() {
      List<String> results = out.lines().filter(l -> l.startsWith("RESULT ")).toList();
      if (results.isEmpty()) {
        throw new AssertionError("no RESULT line in stdout:\n" + out + "\nstderr:\n" + err);
      }
      return parseResult(results.get(results.size() - 1));
    }
  }

  static Map<String, String> parseResult(String line) {
    String[] parts = line.trim().split(" ");
    if (!parts[0].equals("RESULT")) {
      throw new AssertionError("not a RESULT line: " + line);
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (int i = 1; i < parts.length; i++) {
      int eq = parts[i].indexOf('=');
      if (eq <= 0 || eq == parts[i].length() - 1) {
        throw new AssertionError("malformed pair '" + parts[i] + "' in " + line);
      }
      if (map.put(parts[i].substring(0, eq), parts[i].substring(eq + 1)) != null) {
        throw new AssertionError("duplicate key in " + line);
      }
    }
    return map;
  }

  static Run run(Map<String, String> environment, String... args) {
    return run(EnvRegistry.discovered(), environment, args);
  }

  /** One command line against {@code registry} (e.g. one holding a test's own env). */
  static Run run(EnvRegistry registry, Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status;
    try (PrintWriter o = new PrintWriter(out, true); PrintWriter e = new PrintWriter(err, true)) {
      status = Main.execute(args, o, e, registry, environment);
    }
    return new Run(status, out.toString(), err.toString());
  }

  static Run run(String... args) {
    return run(Map.of("DISPLAY", ":99"), args);
  }

  private CliRunner() {}
}
