package dev.gdxrl.agent.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gdxrl.agent.Agent;
import dev.gdxrl.agent.train.LearningCurve;
import dev.gdxrl.agent.train.Metrics;
import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvRegistry;
import dev.gdxrl.env.Space;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reading and writing checkpoint directories:
 *
 * <pre>
 * DIR/agent.json     format version, algo, env id, spaces, configs, counters, seed
 * DIR/*.params       network parameters in DJL's format (qtable.bin for the Q-table)
 * DIR/replay_buffer.bin, DIR/optimizer.bin
 *                    DQN's replay buffer and host Adam state, for --resume (see DqnAgent)
 * DIR/metrics.csv    the run's learning curve
 * DIR/curve.png      the same, plotted
 * </pre>
 *
 * A checkpoint is written into a temporary sibling directory and renamed into place; an existing
 * checkpoint at the target is first renamed aside and deleted only after the new one is in
 * place, so a crash at any moment leaves a complete checkpoint (old or new) on disk.
 */
public final class Checkpoints {
  /** Version of the layout above; loading refuses other versions. */
  public static final int FORMAT_VERSION = 1;
  public static final String AGENT_JSON = "agent.json";
  public static final String METRICS_CSV = "metrics.csv";
  public static final String CURVE_PNG = "curve.png";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Checkpoints() {}

  /** Writes {@code agent}, {@code meta} and {@code metrics} to {@code target}, atomically. */
  public static void write(Path target, Agent<?> agent, CheckpointMeta meta, Metrics metrics)
      throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    Files.createDirectories(parent);
    String name = abs.getFileName().toString();
    Path tmp = Files.createTempDirectory(parent, "." + name + ".tmp-");
    try {
      writeParameters(tmp, agent, meta);
      agent.saveTrainingState(tmp);
      metrics.writeCsv(tmp.resolve(METRICS_CSV));
      LearningCurve.writePng(metrics, meta.envId() + " / " + meta.algo(),
          tmp.resolve(CURVE_PNG));
      Path old = null;
      if (Files.exists(abs)) {
        old = Files.createTempDirectory(parent, "." + name + ".old-");
        Files.delete(old);
        move(abs, old);
      }
      move(tmp, abs);
      tmp = null;
      if (old != null) {
        deleteTree(old);
      }
    } finally {
      if (tmp != null) {
        deleteTree(tmp);
      }
    }
  }

  /**
   * Writes what {@link Agent#load} reads (the parameters and {@code agent.json}) into the
   * existing directory {@code dir}, in place: a checkpoint's core, or a parameter snapshot.
   */
  public static void writeParameters(Path dir, Agent<?> agent, CheckpointMeta meta)
      throws IOException {
    agent.save(dir);
    Files.writeString(dir.resolve(AGENT_JSON), toJson(meta));
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** {@code agent.json} text of {@code meta}. */
  public static String toJson(CheckpointMeta meta) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format_version", meta.formatVersion());
    root.put("algo", meta.algo());
    root.put("env_id", meta.envId());
    root.set("observation_space", spaceJson(meta.observationSpace()));
    root.set("action_space", spaceJson(meta.actionSpace()));
    root.set("config", JSON.valueToTree(new LinkedHashMap<>(sorted(meta.config()))));
    root.set("train", JSON.valueToTree(new LinkedHashMap<>(sorted(meta.train()))));
    root.set("normalization", meta.normalization() == null ? JSON.nullNode()
        : JSON.valueToTree(meta.normalization()));
    ObjectNode counters = root.putObject("counters");
    counters.put("env_steps", meta.envSteps());
    counters.put("episodes", meta.episodes());
    counters.put("gradient_steps", meta.gradientSteps());
    ObjectNode seeds = root.putObject("seeds");
    seeds.put("seed", meta.seed());
    root.put("device", meta.device());
    root.put("replay_buffer_saved", meta.replayBufferSaved());
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> sorted(Map<String, Object> m) {
    return new java.util.TreeMap<>(m);
  }

  private static ObjectNode spaceJson(Space<?> space) {
    ObjectNode n = JSON.createObjectNode();
    if (space instanceof Discrete d) {
      n.put("type", "discrete");
      n.put("n", d.n());
    } else if (space instanceof Box b) {
      n.put("type", "box");
      n.putArray("shape").add(b.dim());
      ArrayNode low = n.putArray("low");
      ArrayNode high = n.putArray("high");
      for (int i = 0; i < b.dim(); i++) {
        addBound(low, b.low(i));
        addBound(high, b.high(i));
      }
    }
    return n;
  }

  private static void addBound(ArrayNode a, float v) {
    if (Float.isInfinite(v)) {
      a.add(v > 0 ? "inf" : "-inf");
    } else {
      a.add(v);
    }
  }

  /**
   * Reads and checks {@code dir/agent.json}: present, well-formed, of this format version, with
   * every field. Throws {@link CheckpointException} with one line otherwise.
   */
  public static CheckpointMeta readMeta(Path dir) {
    Path file = dir.resolve(AGENT_JSON);
    if (!Files.isDirectory(dir)) {
      throw new CheckpointException("checkpoint " + dir + " is not a directory");
    }
    if (!Files.isRegularFile(file)) {
      throw new CheckpointException("checkpoint " + dir + " has no " + AGENT_JSON);
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new CheckpointException("checkpoint " + dir + ": " + AGENT_JSON
          + " is not valid JSON (truncated or damaged): " + firstLine(e.getMessage()), e);
    }
    if (root == null || !root.isObject()) {
      throw new CheckpointException("checkpoint " + dir + ": " + AGENT_JSON + " is empty");
    }
    JsonNode versionNode = required(root, "format_version", dir);
    if (!versionNode.isIntegralNumber() || !versionNode.canConvertToInt()) {
      throw badField(dir, "format_version", "a whole number (" + FORMAT_VERSION + ")",
          versionNode);
    }
    int version = versionNode.intValue();
    if (version != FORMAT_VERSION) {
      throw new CheckpointException("checkpoint " + dir + " has format version "
          + version + "; this gdx-rl reads version "
          + FORMAT_VERSION);
    }
    try {
      JsonNode counters = required(root, "counters", dir);
      JsonNode norm = root.get("normalization");
      return new CheckpointMeta(version,
          text(root, "algo", dir),
          text(root, "env_id", dir),
          (Box) readSpace(required(root, "observation_space", dir), "observation_space", dir,
              true),
          readSpace(required(root, "action_space", dir), "action_space", dir, false),
          toMap(object(root, "config", dir)),
          toMap(object(root, "train", dir)),
          norm == null || norm.isNull() ? null : toMap(object(root, "normalization", dir)),
          count(counters, "counters.env_steps", dir),
          count(counters, "counters.episodes", dir),
          count(counters, "counters.gradient_steps", dir),
          count(required(root, "seeds", dir), "seeds.seed", dir),
          root.has("device") ? text(root, "device", dir) : "cpu",
          flag(root, "replay_buffer_saved", dir));
    } catch (IllegalArgumentException e) {
      if (e instanceof CheckpointException) {
        throw e;
      }
      throw new CheckpointException("checkpoint " + dir + ": " + AGENT_JSON + " is invalid: "
          + e.getMessage(), e);
    }
  }

  private static Map<String, Object> toMap(JsonNode n) {
    Map<String, Object> m = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = n.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      m.put(e.getKey(), JSON.convertValue(e.getValue(), Object.class));
    }
    return m;
  }

  // Strict field reading: a value of the wrong JSON type or out of range is one line naming the
  // field, never read as 0 or rounded ("1", 1.5 and "abc" are not counts).

  private static CheckpointException badField(Path dir, String field, String wanted,
      JsonNode v) {
    return new CheckpointException("checkpoint " + dir + ": " + AGENT_JSON + " field '" + field
        + "' must be " + wanted + ", got " + v);
  }

  /** A whole JSON number >= 0 (a count or a seed); {@code field} may be "parent.name". */
  private static long count(JsonNode n, String field, Path dir) {
    JsonNode v = required(n, field.substring(field.indexOf('.') + 1), dir);
    if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
      throw badField(dir, field, "a whole number >= 0", v);
    }
    return v.longValue();
  }

  private static String text(JsonNode n, String field, Path dir) {
    JsonNode v = required(n, field, dir);
    if (!v.isTextual() || v.asText().isBlank()) {
      throw badField(dir, field, "a non-empty string", v);
    }
    return v.asText();
  }

  private static JsonNode object(JsonNode n, String field, Path dir) {
    JsonNode v = required(n, field, dir);
    if (!v.isObject()) {
      throw badField(dir, field, "an object of key: value pairs", v);
    }
    return v;
  }

  private static boolean flag(JsonNode n, String field, Path dir) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return false;
    }
    if (!v.isBoolean()) {
      throw badField(dir, field, "true or false", v);
    }
    return v.booleanValue();
  }

  private static JsonNode required(JsonNode n, String field, Path dir) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      throw new CheckpointException("checkpoint " + dir + ": " + AGENT_JSON
          + " lacks the field '" + field + "'");
    }
    return v;
  }

  private static Space<?> readSpace(JsonNode n, String what, Path dir, boolean box) {
    String type = n.path("type").asText();
    if (type.equals("discrete") && !box) {
      JsonNode count = required(n, "n", dir);
      if (!count.isIntegralNumber() || !count.canConvertToInt() || count.intValue() < 1) {
        throw badField(dir, what + ".n", "a whole number >= 1", count);
      }
      return new Discrete(count.intValue());
    }
    if (type.equals("box")) {
      JsonNode low = required(n, "low", dir);
      JsonNode high = required(n, "high", dir);
      if (low.size() != high.size()) {
        throw new CheckpointException("checkpoint " + dir + ": " + what
            + " has low and high of different lengths");
      }
      if (!low.isArray() || !high.isArray() || low.isEmpty()) {
        throw badField(dir, what + ".low/high", "non-empty arrays of numbers", low);
      }
      float[] lo = new float[low.size()];
      float[] hi = new float[high.size()];
      for (int i = 0; i < lo.length; i++) {
        lo[i] = bound(low.get(i), what + ".low", dir);
        hi[i] = bound(high.get(i), what + ".high", dir);
      }
      return new Box(lo, hi);
    }
    throw new CheckpointException("checkpoint " + dir + ": " + what + " has unknown type '"
        + type + "'");
  }

  private static float bound(JsonNode v, String field, Path dir) {
    if (v.isTextual()) {
      return switch (v.asText()) {
        case "inf" -> Float.POSITIVE_INFINITY;
        case "-inf" -> Float.NEGATIVE_INFINITY;
        default -> throw badField(dir, field, "numbers, \"inf\" or \"-inf\"", v);
      };
    }
    if (!v.isNumber() || !Double.isFinite(v.doubleValue())) {
      throw badField(dir, field, "numbers, \"inf\" or \"-inf\"", v);
    }
    return (float) v.doubleValue();
  }

  /**
   * Throws a one-line {@link CheckpointException} unless the checkpoint's env is in {@code
   * registry} and has the checkpoint's spaces (see {@link #checkSpaces}).
   */
  public static void checkRegistered(CheckpointMeta meta, Path dir, EnvRegistry registry) {
    if (!registry.contains(meta.envId())) {
      throw new CheckpointException("checkpoint " + dir + " is for env '" + meta.envId()
          + "', which is not registered; known envs: " + String.join(", ", registry.ids()));
    }
    try (Env<float[], ?> env = registry.make(meta.envId())) {
      checkSpaces(meta, dir, env.observationSpace(), env.actionSpace());
    }
  }

  /**
   * Throws a one-line {@link CheckpointException} naming every difference between the
   * checkpoint's spaces and the env's.
   */
  public static void checkSpaces(CheckpointMeta meta, Path dir, Space<?> obs, Space<?> act) {
    StringBuilder diff = new StringBuilder();
    if (!(obs instanceof Box b)) {
      diff.append("env observes ").append(obs).append(", not a Box");
    } else if (b.dim() != meta.observationSpace().dim()) {
      diff.append("observation size ").append(meta.observationSpace().dim())
          .append(" in the checkpoint, ").append(b.dim()).append(" in the env");
    } else if (!b.equals(meta.observationSpace())) {
      diff.append("observation bounds differ: checkpoint ")
          .append(Arrays.toString(meta.observationSpace().low())).append("..")
          .append(Arrays.toString(meta.observationSpace().high())).append(", env ")
          .append(Arrays.toString(b.low())).append("..").append(Arrays.toString(b.high()));
    }
    if (!meta.actionSpace().equals(act)) {
      if (diff.length() > 0) {
        diff.append("; ");
      }
      diff.append("action space ").append(meta.actionSpace()).append(" in the checkpoint, ")
          .append(act).append(" in the env");
    }
    if (diff.length() > 0) {
      throw new CheckpointException("checkpoint " + dir + " does not fit env '" + meta.envId()
          + "': " + diff);
    }
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int i = s.indexOf('\n');
    return i < 0 ? s : s.substring(0, i);
  }
}
