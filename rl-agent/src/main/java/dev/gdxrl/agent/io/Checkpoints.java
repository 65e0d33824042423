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
import dev.gdxrl.env.Space;
import dev.gdxrl.registry.EnvRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
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
 * place, so a crash at any moment leaves a complete checkpoint (old or new) on disk: at the
 * target, or, after a kill between the two renames, as a hidden copy that {@link #readMeta}
 * and {@link #prepareOutput} put back. {@code agent.json} records every other file's size and
 * CRC-32C, and its own; reading verifies them ({@link CheckpointFiles}). A run holds the
 * target's {@link CheckpointLock}.
 */
public final class Checkpoints {
  /** Version of the layout above; loading refuses other versions. */
  public static final int FORMAT_VERSION = 1;
  public static final String AGENT_JSON = "agent.json";
  public static final String METRICS_CSV = "metrics.csv";
  public static final String CURVE_PNG = "curve.png";

  /** The test hook of {@link #write}: see {@code testHalt}. */
  static final String HALT_PROPERTY = "gdxrl.test.checkpoint.halt";
  private static final String TMP = ".tmp-";
  private static final String OLD = ".old-";

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static int writes; // checkpoint writes of this JVM, for the test hook only

  private Checkpoints() {}

  /**
   * Writes {@code agent}, {@code meta} and {@code metrics} to {@code target}, atomically: every
   * file into the temporary sibling {@code .NAME.tmp-*}, {@code agent.json} (with the other files'
   * checksums) last, then the old checkpoint is renamed to {@code .NAME.old-*}, the new one to
   * {@code target}, and the old one deleted. A process killed between the two renames leaves no
   * {@code target} but two complete hidden copies; {@link #readMeta} and {@link #prepareOutput}
   * put the newer back.
   */
  public static void write(Path target, Agent<?> agent, CheckpointMeta meta, Metrics metrics)
      throws IOException {
    Path abs = target.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    Files.createDirectories(parent);
    String name = abs.getFileName().toString();
    Path tmp = Files.createTempDirectory(parent, "." + name + TMP);
    writes++;
    try {
      agent.save(tmp);
      agent.saveTrainingState(tmp);
      metrics.writeCsv(tmp.resolve(METRICS_CSV));
      LearningCurve.writePng(metrics, meta.envId() + " / " + meta.algo(),
          tmp.resolve(CURVE_PNG));
      testHalt("files-written");
      writeMeta(tmp, meta);
      testHalt("tmp-complete");
      Path old = null;
      if (Files.exists(abs)) {
        old = Files.createTempDirectory(parent, "." + name + OLD);
        Files.delete(old);
        move(abs, old);
      }
      testHalt("old-moved");
      move(tmp, abs);
      tmp = null;
      testHalt("new-in-place");
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
    writeMeta(dir, meta);
  }

  /**
   * Writes {@code dir/agent.json} for {@code meta}, with the size and CRC-32C of every other file
   * now in {@code dir}: call it after the other files are written.
   */
  public static void writeMeta(Path dir, CheckpointMeta meta) throws IOException {
    ObjectNode root = tree(meta);
    CheckpointFiles.manifest(dir, root.putObject(CheckpointFiles.FILES));
    root.put(CheckpointFiles.SELF, CheckpointFiles.PLACEHOLDER);
    Files.writeString(dir.resolve(AGENT_JSON), CheckpointFiles.seal(text(root)));
  }

  /**
   * Test hook: with {@code -Dgdxrl.test.checkpoint.halt=STEP@N}, the N-th checkpoint write of this
   * JVM halts it (as a kill would: no finally, no shutdown hook) at STEP ({@code files-written},
   * {@code tmp-complete}, {@code old-moved}, {@code new-in-place}).
   */
  private static void testHalt(String step) {
    String spec = System.getProperty(HALT_PROPERTY);
    if (spec != null && spec.equals(step + "@" + writes)) {
      System.out.flush();
      System.err.flush();
      Runtime.getRuntime().halt(137);
    }
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

  /** {@code agent.json} text of {@code meta}, without the files' checksums ({@link #writeMeta}). */
  public static String toJson(CheckpointMeta meta) {
    return text(tree(meta));
  }

  private static String text(ObjectNode root) {
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode tree(CheckpointMeta meta) {
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
    return root;
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
   * every field, and every file of the checkpoint a regular file of the size and checksum that
   * agent.json records ({@link CheckpointFiles}). A missing {@code dir} whose write was
   * interrupted between its two renames is first recovered from its complete hidden copy (one
   * line on stderr says so). Throws {@link CheckpointException} with one line otherwise.
   */
  public static CheckpointMeta readMeta(Path dir) {
    if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      String said = recover(dir, false);
      if (said != null) {
        System.err.println(said);
      }
    }
    return read(dir);
  }

  private static CheckpointMeta read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new CheckpointException("checkpoint " + dir + " is not a directory");
    }
    Path file = CheckpointFiles.regularFile(dir, CheckpointFiles.realDir(dir), AGENT_JSON);
    if (file == null) {
      throw new CheckpointException("checkpoint " + dir + " has no " + AGENT_JSON);
    }
    String text;
    JsonNode root;
    try {
      text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      root = JSON.readTree(text);
    } catch (IOException e) {
      throw new CheckpointException("checkpoint " + dir + ": " + AGENT_JSON
          + " is not valid JSON (truncated or damaged): " + firstLine(e.getMessage()), e);
    }
    if (root == null || !root.isObject()) {
      throw new CheckpointException("checkpoint " + dir + ": " + AGENT_JSON + " is empty");
    }
    CheckpointFiles.checkSelf(dir, text);
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
    CheckpointFiles.verify(dir, root.get(CheckpointFiles.FILES));
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

  /**
   * Makes {@code out} ready for a run that holds its {@link CheckpointLock}: when {@code out} is
   * missing after an interrupted write, puts its complete hidden copy back; then deletes the
   * hidden temporary copies ({@code .NAME.tmp-*}, {@code .NAME.old-*}) that dead runs left.
   *
   * @return what was done, one line each (empty when nothing)
   */
  public static List<String> prepareOutput(Path out) {
    List<String> said = new ArrayList<>();
    Path abs = out.toAbsolutePath().normalize();
    if (!Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
      String r = recover(abs, true);
      if (r != null) {
        said.add(r);
      }
    }
    int removed = 0;
    for (Path p : hiddenCopies(abs)) {
      try {
        deleteTree(p);
        removed++;
      } catch (IOException e) {
        said.add("warning: cannot remove the stale temporary checkpoint " + p + ": "
            + e.getMessage());
      }
    }
    if (removed > 0) {
      said.add("removed " + removed + " temporary checkpoint cop" + (removed == 1 ? "y" : "ies")
          + " of " + abs + " left by an interrupted run");
    }
    return said;
  }

  /** The hidden siblings {@code .NAME.tmp-*} and {@code .NAME.old-*} of {@code abs}. */
  private static List<Path> hiddenCopies(Path abs) {
    List<Path> found = new ArrayList<>();
    Path parent = abs.getParent();
    if (parent == null || abs.getFileName() == null || !Files.isDirectory(parent)) {
      return found;
    }
    String tmp = "." + abs.getFileName() + TMP;
    String old = "." + abs.getFileName() + OLD;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        if ((n.startsWith(tmp) || n.startsWith(old))
            && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          found.add(p);
        }
      }
    } catch (IOException e) {
      // nothing to recover from or clean
    }
    found.sort(null);
    return found;
  }

  /**
   * Puts back the complete hidden copy of the missing checkpoint {@code dir} (the new one, else
   * the old one, of a write killed between its renames).
   *
   * @param locked whether the caller holds {@code dir}'s {@link CheckpointLock}
   * @return the line saying so, or null when there is nothing to recover
   */
  private static String recover(Path dir, boolean locked) {
    Path abs = dir.toAbsolutePath().normalize();
    Path best = null;
    CheckpointMeta bestMeta = null;
    for (Path p : hiddenCopies(abs)) {
      CheckpointMeta m;
      try {
        m = read(p);
      } catch (CheckpointException e) {
        continue; // incomplete: the write stopped before its agent.json
      }
      boolean newer = p.getFileName().toString().startsWith("." + abs.getFileName() + TMP);
      if (bestMeta == null || m.envSteps() > bestMeta.envSteps()
          || (m.envSteps() == bestMeta.envSteps() && newer)) {
        best = p;
        bestMeta = m;
      }
    }
    if (best == null) {
      return null;
    }
    CheckpointLock lock = null;
    if (!locked) {
      try {
        lock = CheckpointLock.tryAcquire(abs);
      } catch (IOException e) {
        throw new CheckpointException("checkpoint " + dir + " is missing, but a complete copy of"
            + " it (step " + bestMeta.envSteps() + ") is in " + best + " (a checkpoint write was"
            + " interrupted); move it back: mv '" + best + "' '" + abs + "'");
      }
      if (lock == null) {
        // a live run is between its two renames: give it a moment
        for (int i = 0; i < 40 && !Files.exists(abs); i++) {
          try {
            Thread.sleep(50);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        if (Files.exists(abs)) {
          return null;
        }
        throw new CheckpointException("checkpoint " + dir + " is missing while a running"
            + " 'gdx-rl train' replaces it; try again in a moment");
      }
    }
    try {
      if (Files.exists(abs, LinkOption.NOFOLLOW_LINKS)) {
        return null;
      }
      move(best, abs);
      return "checkpoint " + abs + " was missing (a checkpoint write was interrupted); recovered"
          + " it from its complete copy " + best.getFileName() + " (step " + bestMeta.envSteps()
          + ")";
    } catch (IOException e) {
      throw new CheckpointException("checkpoint " + dir + " is missing, but a complete copy of"
          + " it (step " + bestMeta.envSteps() + ") is in " + best + " and cannot be moved back ("
          + e.getMessage() + "): mv '" + best + "' '" + abs + "'");
    } finally {
      if (lock != null) {
        lock.close();
      }
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
