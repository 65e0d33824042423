package dev.gdxrl.desktop.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.TrainRequest;
import dev.gdxrl.agent.TrainResult;
import dev.gdxrl.agent.Training;
import dev.gdxrl.agent.io.Checkpoints;
import dev.gdxrl.agent.train.NonFiniteException;
import dev.gdxrl.registry.EnvRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.api.java.function.Function;

/**
 * One sweep run as a Spark task: exactly {@code gdx-rl train} (the same {@link Training} call, so
 * the same config binding, checkpoint and {@code RESULT} line), into {@code OUT/RUN_ID/}, then
 * {@code train.log} and {@code sweep-run.json} beside the checkpoint. A run that fails is a
 * {@link RunRow} with its one-line reason, never an exception: one bad grid point does not stop
 * the others (and Spark does not retry what would fail again).
 *
 * <p>Runs in one JVM share nothing: each builds its own registry, envs, agent and generators from
 * its seed, so a run gives the same parameters alone in its own process or beside others in an
 * executor (SweepTest compares the checksums).
 */
public final class SweepTask implements Function<RunSpec, RunRow> {
  private static final long serialVersionUID = 1L;

  /** The file that says a run has ended, and how. */
  public static final String RUN_JSON = "sweep-run.json";

  /** The run's training log. */
  public static final String RUN_LOG = "train.log";

  private final Store store;
  private final String device;
  private final String classpath;

  /**
   * @param classpath how the command line named the game's classes ({@code --classpath PATH},
   *     {@code GDX_RL_CLASSPATH=PATH} or empty), for the train command line in each run's log
   */
  public SweepTask(Store store, String device, String classpath) {
    this.store = store;
    this.device = device;
    this.classpath = classpath;
  }

  @Override
  public RunRow call(RunSpec run) {
    return execute(run, store, device, classpath,
        EnvRegistry.discovered(Thread.currentThread().getContextClassLoader()));
  }

  /** Trains one run and records how it ended. */
  public static RunRow execute(RunSpec run, Store store, String device, String classpath,
      EnvRegistry registry) {
    long t0 = System.nanoTime();
    ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    RunRow row;
    Path dir = null;
    try {
      store.delete(run.id()); // what an unfinished earlier attempt left
      dir = store.localRunDir(run.id());
      log.println("# " + run.trainCommand(classpath, dir.toString()));
      TrainResult r = new Training(registry, Algorithms.builtin(), log).train(
          new TrainRequest(run.env(), run.algo(), run.steps(), run.seed(), device, null,
              run.settings(), dir, null, false));
      log.println(r.resultLine());
      row = new RunRow(run.id(), run.configId(), run.label(), run.seed(), RunRow.OK,
          r.evalMean(), r.evalStd(), r.episodes(), r.trainEpisodes(), r.steps(),
          r.wallSeconds(), r.envStepsPerSecond(), "", r.resultLine());
    } catch (IllegalArgumentException | NonFiniteException e) { // CheckpointException too {
      row = RunRow.failed(run, seconds(t0), oneLine(e.getMessage()));
      log.println("FAILED " + row.error());
    } catch (Throwable e) { // NOPMD: a run's internal error is its row, not the sweep's end
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      String m = e.getMessage();
      row = RunRow.failed(run, seconds(t0), "internal error: " + e.getClass().getSimpleName()
          + (m == null || m.isBlank() ? "" : ": " + oneLine(m)));
      log.println("FAILED " + row.error());
      log.print(trace);
    }
    try {
      if (dir != null) {
        Files.createDirectories(dir);
        Files.write(dir.resolve(RUN_LOG), logBytes.toByteArray());
        // train's lock beside the checkpoint: the sweep's own lock guards the directory
        Files.deleteIfExists(dir.resolveSibling("." + dir.getFileName() + ".lock"));
        store.publish(dir, run.id());
      }
      store.write(run.id() + "/" + RUN_JSON, toJson(row));
    } catch (IOException e) {
      throw new UncheckedIOException("sweep run " + run.id() + ": cannot write its results to "
          + store.describe() + ": " + e.getMessage(), e);
    }
    return row;
  }

  /**
   * The run's row if it ended well earlier and its checkpoint is complete; null if it has to
   * run (never ran, was killed, or failed).
   */
  public static RunRow finished(RunSpec run, Store store) {
    try {
      String json = store.read(run.id() + "/" + RUN_JSON);
      if (json == null) {
        return null;
      }
      RunRow row = fromJson(json);
      if (!row.ok() || !row.runId().equals(run.id())) {
        return null;
      }
      if (store.isLocal()) {
        Path dir = store.localRoot().resolve(run.id());
        if (Checkpoints.readMeta(dir).envSteps() != row.steps()) {
          return null;
        }
      } else if (store.read(run.id() + "/" + Checkpoints.AGENT_JSON) == null) {
        return null;
      }
      return row;
    } catch (RuntimeException | IOException e) {
      return null; // unreadable: run it again
    }
  }

  private static double seconds(long t0) {
    return (System.nanoTime() - t0) / 1e9;
  }

  static String oneLine(String m) {
    return m == null ? "(no message)" : m.replaceAll("\\s*\\R\\s*", " ").trim();
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  static String toJson(RunRow r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("run_id", r.runId());
    o.put("config_id", r.configId());
    o.put("config", r.label());
    o.put("seed", r.seed());
    o.put("status", r.status());
    number(o, "eval_mean", r.evalMean());
    number(o, "eval_std", r.evalStd());
    o.put("eval_episodes", r.episodes());
    o.put("train_episodes", r.trainEpisodes());
    o.put("steps", r.steps());
    number(o, "wall_s", r.wallSeconds());
    number(o, "env_steps_per_s", r.envStepsPerSecond());
    o.put("error", r.error());
    o.put("result", r.result());
    return o.toPrettyString() + "\n";
  }

  private static void number(ObjectNode o, String key, double v) {
    if (Double.isFinite(v)) {
      o.put(key, v);
    } else {
      o.putNull(key);
    }
  }

  static RunRow fromJson(String json) throws IOException {
    JsonNode o = JSON.readTree(json);
    return new RunRow(o.get("run_id").asText(), o.get("config_id").asText(),
        o.get("config").asText(), o.get("seed").asLong(), o.get("status").asText(),
        num(o, "eval_mean"), num(o, "eval_std"), o.get("eval_episodes").asInt(),
        o.get("train_episodes").asLong(), o.get("steps").asLong(), num(o, "wall_s"),
        num(o, "env_steps_per_s"), o.get("error").asText(), o.get("result").asText());
  }

  private static double num(JsonNode o, String key) {
    JsonNode n = o.get(key);
    return n == null || n.isNull() ? Double.NaN : n.asDouble();
  }
}
