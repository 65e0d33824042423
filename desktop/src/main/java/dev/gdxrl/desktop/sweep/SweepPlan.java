package dev.gdxrl.desktop.sweep;

import dev.gdxrl.desktop.sweep.SweepSpec.Dimension;
import dev.gdxrl.desktop.sweep.SweepSpec.Range;
import dev.gdxrl.desktop.sweep.SweepSpec.Values;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A sweep's runs: every config point of the search space times every seed, config-major. Each
 * run has a stable id derived from its env, algorithm, steps, settings and seed, so the same
 * sweep (or a larger one) started again finds its finished runs under the same names.
 *
 * @param spec what was asked
 * @param configs the config points, in order
 * @param runs every run, config-major then seed
 */
public record SweepPlan(SweepSpec spec, List<Config> configs, List<RunSpec> runs) {

  public SweepPlan {
    configs = List.copyOf(configs);
    runs = List.copyOf(runs);
  }

  /**
   * One point of the search space.
   *
   * @param id stable id (8 hex digits of a SHA-256 of the env, algo, steps and settings)
   * @param label the searched keys' values, e.g. {@code learning_rate=3e-4}, or
   *     {@code defaults} when nothing is searched
   * @param settings every setting of its runs: the fixed ones, then the point's
   */
  public record Config(String id, String label, Map<String, String> settings) {
    public Config {
      settings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
  }

  /** The longest searched-values part of a run id. */
  static final int MAX_LABEL = 100;

  /** Expands the spec (env, algo and seeds must be set). */
  public static SweepPlan of(SweepSpec spec) {
    if (spec.env() == null) {
      throw new IllegalArgumentException("no env given: --env ID or env: in the sweep file");
    }
    if (spec.algo() == null) {
      throw new IllegalArgumentException("no algo given: --algo ALGO or algo: in the sweep file");
    }
    if (spec.seeds().isEmpty()) {
      throw new IllegalArgumentException("no seeds given: --seeds 1-8 or seeds: in the sweep"
          + " file");
    }
    for (String k : spec.space().keySet()) {
      if (spec.set().containsKey(k)) {
        throw new IllegalArgumentException("key '" + k + "' is both searched and set; keep one");
      }
      if (k.equals("steps")) {
        throw new IllegalArgumentException("steps cannot be searched (it is the run's length);"
            + " sweep one steps value at a time");
      }
    }
    if (spec.set().containsKey("steps")) {
      throw new IllegalArgumentException("give steps as --steps N or steps: in the sweep file,"
          + " not as a setting");
    }
    List<Map<String, String>> points = points(spec);
    if ((long) points.size() * spec.seeds().size() > SweepSpec.MAX_RUNS) {
      throw new IllegalArgumentException("the sweep has " + (long) points.size()
          * spec.seeds().size() + " runs; at most " + SweepSpec.MAX_RUNS + " in one sweep");
    }
    List<Config> configs = new ArrayList<>();
    List<RunSpec> runs = new ArrayList<>();
    for (Map<String, String> point : points) {
      Map<String, String> settings = new LinkedHashMap<>(spec.set());
      settings.putAll(point);
      String id = configId(spec, settings);
      StringBuilder label = new StringBuilder();
      for (Map.Entry<String, String> e : point.entrySet()) {
        label.append(label.length() == 0 ? "" : " ").append(e.getKey()).append('=')
            .append(e.getValue());
      }
      Config c = new Config(id, label.length() == 0 ? "defaults" : label.toString(), settings);
      if (configs.stream().anyMatch(o -> o.id().equals(id))) {
        continue; // a random search drew the same point twice
      }
      configs.add(c);
      for (long seed : spec.seeds()) {
        runs.add(new RunSpec(runId(c, seed), c.id(), c.label(), spec.env(), spec.algo(),
            spec.steps(), seed, c.settings()));
      }
    }
    return new SweepPlan(spec, configs, runs);
  }

  private static List<Map<String, String>> points(SweepSpec spec) {
    Map<String, Dimension> space = spec.space();
    boolean anyRange = space.values().stream().anyMatch(d -> d instanceof Range);
    long gridSize = 1;
    for (Dimension d : space.values()) {
      if (d instanceof Values v) {
        gridSize = Math.min(Long.MAX_VALUE / 2, gridSize * v.values().size());
      }
    }
    if (spec.samples() == null) {
      if (anyRange) {
        throw new IllegalArgumentException("the space has a range, which is sampled: give the"
            + " number of points with --samples N or samples: in the sweep file");
      }
      if (gridSize > SweepSpec.MAX_RUNS) {
        throw new IllegalArgumentException("the grid has " + gridSize + " points; at most "
            + SweepSpec.MAX_RUNS);
      }
      List<Map<String, String>> out = new ArrayList<>();
      grid(new ArrayList<>(space.entrySet()), 0, new LinkedHashMap<>(), out);
      return out;
    }
    int n = spec.samples();
    if (space.isEmpty()) {
      throw new IllegalArgumentException("samples " + n + ": nothing is searched (no --grid,"
          + " --range, --log-range or space:), so there is nothing to sample; leave samples out");
    }
    SplittableRandom rng = new SplittableRandom(spec.sampleSeed());
    List<Map<String, String>> out = new ArrayList<>();
    if (!anyRange) {
      if (n > gridSize) {
        throw new IllegalArgumentException("samples " + n + " is more points than the grid has ("
            + gridSize + "); ask for at most " + gridSize + " or leave samples out for the"
            + " whole grid");
      }
      List<Map<String, String>> all = new ArrayList<>();
      grid(new ArrayList<>(space.entrySet()), 0, new LinkedHashMap<>(), all);
      // a seeded partial shuffle picks n distinct points; they keep the grid's order
      int[] idx = new int[all.size()];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = i;
      }
      for (int i = 0; i < n; i++) {
        int j = i + rng.nextInt(idx.length - i);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
      int[] chosen = java.util.Arrays.copyOf(idx, n);
      java.util.Arrays.sort(chosen);
      for (int i : chosen) {
        out.add(all.get(i));
      }
      return out;
    }
    if (n > SweepSpec.MAX_RUNS) {
      throw new IllegalArgumentException("samples " + n + ": at most " + SweepSpec.MAX_RUNS);
    }
    for (int i = 0; i < n; i++) {
      Map<String, String> p = new LinkedHashMap<>();
      for (Map.Entry<String, Dimension> e : space.entrySet()) {
        p.put(e.getKey(), draw(e.getValue(), rng));
      }
      out.add(p);
    }
    return out;
  }

  private static void grid(List<Map.Entry<String, Dimension>> dims, int k,
      Map<String, String> prefix, List<Map<String, String>> out) {
    if (k == dims.size()) {
      out.add(new LinkedHashMap<>(prefix));
      return;
    }
    Map.Entry<String, Dimension> d = dims.get(k);
    for (String v : ((Values) d.getValue()).values()) {
      prefix.put(d.getKey(), v);
      grid(dims, k + 1, prefix, out);
    }
    prefix.remove(d.getKey());
  }

  private static String draw(Dimension d, SplittableRandom rng) {
    if (d instanceof Values v) {
      return v.values().get(rng.nextInt(v.values().size()));
    }
    Range r = (Range) d;
    double u = rng.nextDouble();
    if (r.integer()) {
      long lo = (long) Math.ceil(r.min());
      long hi = (long) Math.floor(r.max());
      if (r.log()) {
        double x = Math.exp(Math.log(Math.max(lo, 1e-300)) + u * (Math.log(hi) - Math.log(lo)));
        return Long.toString(Math.min(hi, Math.max(lo, Math.round(x))));
      }
      return Long.toString(lo + (long) Math.floor(u * (hi - lo + 1)));
    }
    double x = r.log() ? Math.exp(Math.log(r.min()) + u * (Math.log(r.max()) - Math.log(r.min())))
        : r.min() + u * (r.max() - r.min());
    // four significant digits: readable in tables and run ids, and exactly what the run got
    return String.format(Locale.ROOT, "%.4g", x).replaceFirst("\\.?0+(e|$)", "$1");
  }

  private static String configId(SweepSpec spec, Map<String, String> settings) {
    StringBuilder canon = new StringBuilder();
    canon.append("env=").append(spec.env()).append('\n')
        .append("algo=").append(spec.algo()).append('\n')
        .append("steps=").append(spec.steps() == null ? "default" : spec.steps()).append('\n');
    new java.util.TreeMap<>(settings).forEach((k, v) -> canon.append(k).append('=')
        .append(canonical(v)).append('\n'));
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest(canon.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A number as one spelling (3e-4, 0.0003 and 3.0E-4 are one config); other text as is. */
  static String canonical(String value) {
    String v = value.trim();
    if (!v.matches("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")) {
      return value;
    }
    try {
      return new java.math.BigDecimal(v).stripTrailingZeros().toString();
    } catch (NumberFormatException e) {
      return value;
    }
  }

  /** {@code [LABEL-]CONFIGID-sSEED}, only characters every file system takes. */
  static String runId(Config c, long seed) {
    StringBuilder label = new StringBuilder();
    if (!c.label().equals("defaults")) {
      for (String part : c.label().split(" ")) {
        label.append(label.length() == 0 ? "" : "_").append(part);
      }
    }
    String safe = label.toString().replaceAll("[^A-Za-z0-9._=+-]", "_");
    if (safe.length() > MAX_LABEL) {
      safe = safe.substring(0, MAX_LABEL); // the hash keeps ids apart; sweep.csv has the values
    }
    return (safe.isEmpty() ? "" : safe + "-") + c.id() + "-s" + seed;
  }
}
