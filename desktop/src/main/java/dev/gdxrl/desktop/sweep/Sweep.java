package dev.gdxrl.desktop.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gdxrl.agent.Algorithm;
import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.TrainRequest;
import dev.gdxrl.agent.Training;
import dev.gdxrl.agent.config.ConfigBinder;
import dev.gdxrl.agent.train.TrainConfig;
import dev.gdxrl.env.Env;
import dev.gdxrl.registry.EnvRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code gdx-rl sweep}: checks a plan against the registry and the algorithms (before anything is
 * written), finds the runs an earlier start of the same sweep finished, runs the rest on Spark
 * ({@link SparkSweep}) and writes {@code sweep.csv}, {@code summary.csv} and {@code sweep.png}.
 */
public final class Sweep {
  private Sweep() {}

  /** The plan of the sweep, written first: it marks a directory as a sweep's. */
  public static final String PLAN_JSON = "sweep.json";

  private static final String LOCK = ".sweep.lock";

  /** What came out: every run's row in plan order, and how many ran now. */
  public record Outcome(List<RunRow> rows, int ranNow, int finishedBefore,
      List<SweepResults.Summary> summaries) {
    public boolean allOk() {
      return rows.stream().allMatch(RunRow::ok);
    }
  }

  /**
   * Refuses, with one line, what no run of the plan could do: an unknown env or algo, an algo
   * that cannot act in the env, a setting or searched key that neither the algo nor training
   * knows, and a sweep in which no config point can run (each is checked as {@code train} would
   * check it: values, a run too short for one update, memory). A sweep where only some points
   * cannot run goes ahead: those runs are failed rows with their reason.
   */
  public static void check(SweepPlan plan, EnvRegistry registry, Algorithms algos) {
    SweepSpec spec = plan.spec();
    Algorithm<?> algo = algos.get(spec.algo());
    registry.entry(spec.env());
    try (Env<float[], ?> env = registry.make(spec.env())) {
      Algorithms.checkFits(algo, spec.env(), env.actionSpace());
    }
    Set<String> trainKeys = ConfigBinder.keys(TrainConfig.class);
    Set<String> algoKeys = ConfigBinder.keys(algo.defaults(spec.env()).getClass());
    Set<String> keys = new LinkedHashSet<>(spec.set().keySet());
    keys.addAll(spec.space().keySet());
    for (String k : keys) {
      if (!trainKeys.contains(k) && !algoKeys.contains(k)) {
        throw new IllegalArgumentException("unknown config key '" + k + "'; " + spec.algo()
            + " keys: " + String.join(", ", algoKeys) + "; training keys: "
            + String.join(", ", trainKeys));
      }
    }
    Training training = new Training(registry, algos,
        new PrintStream(OutputStream.nullOutputStream()));
    String first = null;
    for (SweepPlan.Config c : plan.configs()) {
      try {
        training.check(new TrainRequest(spec.env(), spec.algo(), spec.steps(),
            spec.seeds().get(0), "cpu", null, c.settings(), null, null, false));
        return; // one point can run: the sweep can
      } catch (IllegalArgumentException e) {
        if (first == null) {
          first = (plan.configs().size() == 1 ? "" : c.label() + ": ") + e.getMessage();
        }
      }
    }
    throw new IllegalArgumentException("no run of this sweep can run"
        + (plan.configs().size() == 1 ? "" : " (" + plan.configs().size() + " configs)") + ": "
        + first);
  }

  /**
   * Refuses an output directory that is not a sweep's (a file, a directory holding other
   * things) or cannot be written. Checks only; writes nothing.
   */
  public static void checkOutput(Store store) {
    Path out = store.localRoot();
    if (out == null) {
      return; // a Hadoop file system: its own errors name the problem when the plan is written
    }
    if (out.toString().isBlank()) {
      throw new IllegalArgumentException("--out is empty; give the sweep's directory");
    }
    Path abs = out.toAbsolutePath().normalize();
    if (Path.of("").toAbsolutePath().normalize().startsWith(abs)) {
      throw new IllegalArgumentException("--out " + out + " is the working directory or above"
          + " it; give a new directory, e.g. --out runs/my-sweep");
    }
    if (Files.exists(out)) {
      if (!Files.isDirectory(out)) {
        throw new IllegalArgumentException("--out " + out + " is a file; give a directory");
      }
      if (!Files.isRegularFile(out.resolve(PLAN_JSON))) {
        try (Stream<Path> s = Files.list(out)) {
          if (s.findAny().isPresent()) {
            throw new IllegalArgumentException("--out " + out + " holds files but no "
                + PLAN_JSON + ", so it is not a sweep's directory; give a new or empty one");
          }
        } catch (IOException e) {
          throw new IllegalArgumentException("--out " + out + " cannot be read: "
              + e.getMessage(), e);
        }
      }
      if (!Files.isWritable(out)) {
        throw new IllegalArgumentException("--out " + out + " is not writable");
      }
      return;
    }
    Path parent = abs.getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent == null || !Files.isDirectory(parent) || !Files.isWritable(parent)) {
      throw new IllegalArgumentException("--out " + out + " cannot be created (" + parent
          + " is not a writable directory)");
    }
  }

  /** Runs the plan; see the class comment. */
  public static Outcome run(SweepPlan plan, Store store, String device, String classpath,
      int parallelism, PrintWriter log, boolean progress) {
    try (SweepLock lock = SweepLock.acquire(store)) {
      store.write(PLAN_JSON, planJson(plan, store, classpath));
      List<RunRow> rows = new ArrayList<>();
      List<RunSpec> todo = new ArrayList<>();
      for (RunSpec run : plan.runs()) {
        RunRow done = SweepTask.finished(run, store);
        rows.add(done);
        if (done == null) {
          todo.add(run);
        }
      }
      int before = plan.runs().size() - todo.size();
      log.printf(Locale.ROOT, "sweep: %d run%s (%d config%s x %d seed%s) into %s; %d finished"
              + " before, %d to run%n", plan.runs().size(), plural(plan.runs().size()),
          plan.configs().size(), plural(plan.configs().size()), plan.spec().seeds().size(),
          plural(plan.spec().seeds().size()), store.describe(), before, todo.size());
      log.flush();
      List<RunRow> ran = SparkSweep.run(todo, store, device, classpath, parallelism,
          new SparkSweep.Progress(log, progress).finishedBefore(before));
      int k = 0;
      for (int i = 0; i < rows.size(); i++) {
        if (rows.get(i) == null) {
          rows.set(i, ran.get(k++));
        }
      }
      List<SweepResults.Summary> summaries = SweepResults.summarise(plan, rows);
      store.write(SweepResults.SWEEP_CSV, SweepResults.runsCsv(plan, rows));
      store.write(SweepResults.SUMMARY_CSV, SweepResults.summaryCsv(summaries));
      store.write(SweepResults.SWEEP_PNG, SweepResults.png(plan, rows, summaries, store));
      return new Outcome(rows, todo.size(), before, summaries);
    } catch (IOException e) {
      throw new UncheckedIOException("sweep: cannot write to " + store.describe() + ": "
          + e.getMessage(), e);
    }
  }

  private static String plural(int n) {
    return n == 1 ? "" : "s";
  }

  static String planJson(SweepPlan plan, Store store, String classpath) {
    ObjectMapper m = new ObjectMapper();
    ObjectNode o = m.createObjectNode();
    SweepSpec s = plan.spec();
    o.put("env", s.env());
    o.put("algo", s.algo());
    if (s.steps() == null) {
      o.putNull("steps");
    } else {
      o.put("steps", s.steps());
    }
    ArrayNode seeds = o.putArray("seeds");
    s.seeds().forEach(seeds::add);
    ObjectNode set = o.putObject("set");
    s.set().forEach(set::put);
    ObjectNode space = o.putObject("space");
    s.space().forEach((k, d) -> {
      if (d instanceof SweepSpec.Values v) {
        ArrayNode a = space.putArray(k);
        v.values().forEach(a::add);
      } else {
        SweepSpec.Range r = (SweepSpec.Range) d;
        ObjectNode n = space.putObject(k);
        ArrayNode b = n.putArray(r.log() ? "log_range" : "range");
        b.add(r.min());
        b.add(r.max());
        if (r.integer()) {
          n.put("integer", true);
        }
      }
    });
    if (s.samples() != null) {
      o.put("samples", s.samples());
      o.put("sample_seed", s.sampleSeed());
    }
    ArrayNode runs = o.putArray("runs");
    for (RunSpec r : plan.runs()) {
      ObjectNode n = runs.addObject();
      n.put("id", r.id());
      n.put("config", r.label());
      n.put("seed", r.seed());
      n.put("train", r.trainCommand(classpath, store.describe() + "/" + r.id()));
    }
    return o.toPrettyString() + "\n";
  }

  /** One sweep writes an output directory at a time (a local one; a file lock). */
  private static final class SweepLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;
    private final Path file;

    private SweepLock(FileChannel channel, FileLock lock, Path file) {
      this.channel = channel;
      this.lock = lock;
      this.file = file;
    }

    static SweepLock acquire(Store store) throws IOException {
      Path dir = store.localRoot();
      if (dir == null) {
        return new SweepLock(null, null, null);
      }
      Files.createDirectories(dir);
      Path file = dir.resolve(LOCK);
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE,
          StandardOpenOption.WRITE);
      FileLock l;
      try {
        l = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        l = null;
      }
      if (l == null) {
        ch.close();
        throw new IllegalArgumentException("--out " + dir + ": another sweep is writing it;"
            + " wait for it or give another --out");
      }
      return new SweepLock(ch, l, file);
    }

    @Override
    public void close() throws IOException {
      if (channel != null) {
        lock.release();
        channel.close();
        Files.deleteIfExists(file);
      }
    }
  }
}
