package dev.gdxrl.desktop.sweep;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a sweep asks for: one env and algorithm, the seeds, fixed settings and a search space per
 * config key. Read from a sweep file (YAML) and/or the command line's short form; every problem
 * is a one-line {@link IllegalArgumentException}.
 *
 * <pre>
 * env: lunarlander
 * algo: ppo
 * steps: 200000            # optional: the env and algo's default otherwise
 * seeds: 1-3               # a list [1, 2, 3], a range "1-8", or "1,4,9"
 * parallelism: 2           # runs at a time (default: the machine's cores)
 * set:                     # fixed settings of every run, as train --set
 *   n_envs: 8
 * space:                   # one search dimension per config key
 *   learning_rate: [1.0e-4, 3.0e-4]            # a list: every value (a grid)
 *   ent_coef: {range: [0.0, 0.01]}             # sampled uniformly
 *   clip_range: {log_range: [0.05, 0.3]}       # sampled uniformly in log space
 *   n_epochs: {range: [4, 10], integer: true}  # sampled whole numbers
 * samples: 8               # random search: N points (needed when a range is present)
 * sample_seed: 0
 * </pre>
 *
 * <p>Without {@code samples} every dimension must be a list and the sweep is their full grid.
 * With {@code samples: N} it is a random search of N points: lists are drawn uniformly, ranges as
 * said; if every dimension is a list, the N points are distinct grid points (so N may not exceed
 * the grid's size).
 *
 * @param env env id
 * @param algo algorithm id
 * @param steps env steps per run, or null for the env and algo's default
 * @param seeds the seeds, in order, each run once per config
 * @param set fixed settings (key to value as written) applied to every run before the space
 * @param space search dimensions by config key, in order
 * @param samples points of a random search, or null for the full grid
 * @param sampleSeed seed of the random search
 * @param parallelism runs at a time, or null for the machine's cores
 */
public record SweepSpec(String env, String algo, Long steps, List<Long> seeds,
    Map<String, String> set, Map<String, Dimension> space, Integer samples, long sampleSeed,
    Integer parallelism) {

  /** The keys a sweep file may hold. */
  public static final List<String> FILE_KEYS = List.of("env", "algo", "steps", "seeds",
      "parallelism", "set", "space", "samples", "sample_seed");

  /** At most this many runs in one sweep. */
  public static final int MAX_RUNS = 100_000;

  public SweepSpec {
    seeds = List.copyOf(seeds);
    set = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set));
    space = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(space));
  }

  /** One search dimension. */
  public sealed interface Dimension extends java.io.Serializable permits Values, Range {}

  /** Every value in the list (a grid), or one of them per point (a random search). */
  public record Values(List<String> values) implements Dimension {
    public Values {
      values = List.copyOf(values);
    }
  }

  /** A uniform draw from [min, max], in log space if {@code log}; whole numbers if integer. */
  public record Range(double min, double max, boolean log, boolean integer) implements Dimension {}

  /** An empty spec to fill from the command line. */
  public static SweepSpec empty() {
    return new SweepSpec(null, null, null, List.of(), Map.of(), Map.of(), null, 0, null);
  }

  // ---------------------------------------------------------------------------------------------
  // the sweep file

  /** Reads a sweep file; {@code where} names it in messages. */
  public static SweepSpec read(Path file) {
    String where = "sweep file " + file;
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException(where + ": no such readable file");
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .readTree(file.toFile());
    } catch (JsonProcessingException e) {
      String msg = String.valueOf(e.getOriginalMessage()).replaceAll("\\s+", " ");
      String at = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
      throw new IllegalArgumentException(where + " is not valid YAML" + at + ": " + msg, e);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + " cannot be read: " + e.getMessage(), e);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new IllegalArgumentException(where + " is empty; it needs at least env, algo and"
          + " seeds (see README 'Sweeps')");
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(where + " must hold a map of keys (env, algo, seeds,"
          + " space, ...)");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!FILE_KEYS.contains(k)) {
        throw new IllegalArgumentException(where + ": unknown key '" + k + "'; a sweep file"
            + " holds " + String.join(", ", FILE_KEYS));
      }
    }
    String env = text(root, "env", where);
    String algo = text(root, "algo", where);
    Long steps = root.has("steps") ? positiveLong(root.get("steps"), where + ": steps") : null;
    List<Long> seeds = root.has("seeds") ? seeds(root.get("seeds"), where + ": seeds")
        : List.of();
    Integer parallelism = root.has("parallelism")
        ? (int) positiveLong(root.get("parallelism"), where + ": parallelism") : null;
    Integer samples = root.has("samples")
        ? (int) positiveLong(root.get("samples"), where + ": samples") : null;
    long sampleSeed = root.has("sample_seed")
        ? nonNegativeLong(root.get("sample_seed"), where + ": sample_seed") : 0;
    Map<String, String> set = new LinkedHashMap<>();
    if (root.has("set")) {
      JsonNode s = root.get("set");
      if (!s.isObject()) {
        throw new IllegalArgumentException(where + ": set must be a map of key: value");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        set.put(e.getKey(), scalar(e.getValue(), where + ": set." + e.getKey()));
      }
    }
    Map<String, Dimension> space = new LinkedHashMap<>();
    if (root.has("space")) {
      JsonNode s = root.get("space");
      if (!s.isObject()) {
        throw new IllegalArgumentException(where + ": space must be a map of key: [values]"
            + " or key: {range: [min, max]}");
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        space.put(e.getKey(), dimension(e.getValue(), where + ": space." + e.getKey()));
      }
    }
    return new SweepSpec(env, algo, steps, seeds, set, space, samples, sampleSeed, parallelism);
  }

  private static String text(JsonNode root, String key, String where) {
    if (!root.has(key)) {
      return null;
    }
    JsonNode n = root.get(key);
    if (!n.isTextual() || n.asText().isBlank()) {
      throw new IllegalArgumentException(where + ": " + key + " must be a name, got " + n);
    }
    return n.asText();
  }

  private static String scalar(JsonNode n, String where) {
    if (n.isFloatingPointNumber()) {
      return Double.toString(n.asDouble()).replace('E', 'e'); // 1.0e-4, as YAML wrote it
    }
    if (n.isTextual() || n.isNumber() || n.isBoolean()) {
      return n.asText();
    }
    throw new IllegalArgumentException(where + " must be a single value, got " + n);
  }

  private static long positiveLong(JsonNode n, String where) {
    long v = nonNegativeLong(n, where);
    if (v < 1) {
      throw new IllegalArgumentException(where + " must be at least 1, got " + v);
    }
    return v;
  }

  private static long nonNegativeLong(JsonNode n, String where) {
    if (!n.canConvertToLong() || !n.isIntegralNumber() || n.asLong() < 0) {
      throw new IllegalArgumentException(where + " must be a whole number >= 0, got " + n);
    }
    return n.asLong();
  }

  private static List<Long> seeds(JsonNode n, String where) {
    if (n.isArray()) {
      List<Long> out = new ArrayList<>();
      for (JsonNode e : n) {
        out.add(nonNegativeLong(e, where));
      }
      return checkSeeds(out, where);
    }
    if (n.isIntegralNumber()) {
      return checkSeeds(List.of(nonNegativeLong(n, where)), where);
    }
    if (n.isTextual()) {
      return parseSeeds(n.asText(), where);
    }
    throw new IllegalArgumentException(where + " must be a list of seeds, a range like 1-8 or"
        + " a list like 1,4,9; got " + n);
  }

  private static Dimension dimension(JsonNode n, String where) {
    if (n.isArray()) {
      List<String> values = new ArrayList<>();
      for (JsonNode e : n) {
        values.add(scalar(e, where));
      }
      return values(values, where);
    }
    if (n.isObject()) {
      Set<String> keys = new LinkedHashSet<>();
      n.fieldNames().forEachRemaining(keys::add);
      boolean log = keys.contains("log_range");
      boolean lin = keys.contains("range");
      if (log == lin) {
        throw new IllegalArgumentException(where + " must be a list of values, {range: [min,"
            + " max]} or {log_range: [min, max]}; got " + n);
      }
      for (String k : keys) {
        if (!k.equals("range") && !k.equals("log_range") && !k.equals("integer")) {
          throw new IllegalArgumentException(where + ": unknown key '" + k + "'; a range holds"
              + " range or log_range, and optionally integer: true");
        }
      }
      JsonNode b = n.get(log ? "log_range" : "range");
      if (!b.isArray() || b.size() != 2 || !b.get(0).isNumber() || !b.get(1).isNumber()) {
        throw new IllegalArgumentException(where + ": " + (log ? "log_range" : "range")
            + " must be [min, max] (two numbers), got " + b);
      }
      boolean integer = false;
      if (n.has("integer")) {
        if (!n.get("integer").isBoolean()) {
          throw new IllegalArgumentException(where + ": integer must be true or false");
        }
        integer = n.get("integer").asBoolean();
      }
      return range(b.get(0).asDouble(), b.get(1).asDouble(), log, integer, where);
    }
    throw new IllegalArgumentException(where + " must be a list of values, {range: [min, max]}"
        + " or {log_range: [min, max]}; got " + n);
  }

  // ---------------------------------------------------------------------------------------------
  // the command line's short form

  /** {@code 1-8}, {@code 1,4,9} or {@code 1-3,7}. */
  public static List<Long> parseSeeds(String text, String where) {
    List<Long> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException(where + " is empty; give seeds like 1-8 or 1,4,9");
    }
    for (String part : text.split(",")) {
      String p = part.trim();
      try {
        int dash = p.indexOf('-', 1);
        if (dash > 0) {
          long a = Long.parseLong(p.substring(0, dash).trim());
          long b = Long.parseLong(p.substring(dash + 1).trim());
          if (a < 0 || b < a) {
            throw new IllegalArgumentException(where + ": '" + p + "' is not a range of seeds"
                + " (from <= to, both >= 0)");
          }
          if (b - a >= MAX_RUNS) {
            throw new IllegalArgumentException(where + ": '" + p + "' holds more than "
                + MAX_RUNS + " seeds");
          }
          for (long s = a; s <= b; s++) {
            out.add(s);
          }
        } else {
          long s = Long.parseLong(p);
          if (s < 0) {
            throw new IllegalArgumentException(where + ": seed " + s + " is negative");
          }
          out.add(s);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(where + ": '" + p + "' is not a seed or a range of"
            + " seeds like 1-8", e);
      }
    }
    return checkSeeds(out, where);
  }

  private static List<Long> checkSeeds(List<Long> seeds, String where) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException(where + " is empty; give at least one seed");
    }
    if (new LinkedHashSet<>(seeds).size() != seeds.size()) {
      throw new IllegalArgumentException(where + " names a seed twice: " + seeds);
    }
    return seeds;
  }

  /** {@code KEY=V1,V2,...} of {@code --grid}. */
  public static Map.Entry<String, Dimension> parseGrid(String text) {
    int eq = text.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("--grid " + text + ": write KEY=V1,V2 (e.g. --grid"
          + " learning_rate=1e-4,3e-4)");
    }
    String key = text.substring(0, eq).trim();
    List<String> values = new ArrayList<>();
    for (String v : text.substring(eq + 1).split(",", -1)) {
      values.add(v.trim());
    }
    return Map.entry(key, values(values, "--grid " + key));
  }

  /** {@code KEY=MIN:MAX} of {@code --range} / {@code --log-range}. */
  public static Map.Entry<String, Dimension> parseRange(String text, boolean log) {
    String option = log ? "--log-range" : "--range";
    int eq = text.indexOf('=');
    int colon = text.indexOf(':', eq + 1);
    if (eq <= 0 || colon < 0) {
      throw new IllegalArgumentException(option + " " + text + ": write KEY=MIN:MAX (e.g. "
          + option + " learning_rate=1e-5:1e-3)");
    }
    String key = text.substring(0, eq).trim();
    double min;
    double max;
    try {
      min = Double.parseDouble(text.substring(eq + 1, colon).trim());
      max = Double.parseDouble(text.substring(colon + 1).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " " + text + ": MIN and MAX must be numbers",
          e);
    }
    return Map.entry(key, range(min, max, log, false, option + " " + key));
  }

  private static Values values(List<String> values, String where) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException(where + " is an empty search space; give at least"
          + " one value");
    }
    for (String v : values) {
      if (v.isBlank()) {
        throw new IllegalArgumentException(where + " holds an empty value");
      }
    }
    if (new LinkedHashSet<>(values).size() != values.size()) {
      throw new IllegalArgumentException(where + " names a value twice: " + values);
    }
    return new Values(values);
  }

  private static Range range(double min, double max, boolean log, boolean integer,
      String where) {
    if (!Double.isFinite(min) || !Double.isFinite(max)) {
      throw new IllegalArgumentException(where + ": the bounds must be finite numbers");
    }
    if (min > max) {
      throw new IllegalArgumentException(where + ": min " + fmt(min) + " is above max "
          + fmt(max) + "; give [min, max]");
    }
    if (log && min <= 0) {
      throw new IllegalArgumentException(where + ": a log_range needs bounds above 0, got "
          + fmt(min) + "; use range for bounds at or below 0");
    }
    if (integer && Math.floor(max) < Math.ceil(min)) {
      throw new IllegalArgumentException(where + ": no whole number lies in [" + fmt(min)
          + ", " + fmt(max) + "]");
    }
    return new Range(min, max, log, integer);
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }
}
