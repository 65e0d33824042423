package dev.gdxrl.desktop.cli;

import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.desktop.sweep.Store;
import dev.gdxrl.desktop.sweep.Sweep;
import dev.gdxrl.desktop.sweep.SweepPlan;
import dev.gdxrl.desktop.sweep.SweepResults;
import dev.gdxrl.desktop.sweep.SweepSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sweep [FILE] [--env ID] [--algo ALGO] [--steps N] [--seeds 1-8] [--set K=V ...]
 * [--grid K=V1,V2 ...] [--range K=MIN:MAX ...] [--log-range K=MIN:MAX ...] [--samples N]
 * [--sample-seed S] [--parallelism P] [--out DIR]}: many {@code train} runs (configs x seeds) as
 * Spark tasks, embedded in this process or on a cluster through {@code spark-submit}; a table, a
 * CSV and a PNG at the end. Started again with the same arguments it skips the runs that
 * finished. Bad input is one line and status 2 before anything is written; the status is 1 when
 * any run failed (its row says why), 0 when all ran.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {"Train many runs (a grid or random search over configs, times seeds) in"
        + " parallel on Apache Spark, embedded (local mode) or submitted to a cluster; ends with"
        + " a summary table, OUT/sweep.csv, OUT/summary.csv and OUT/sweep.png.",
        "Started again with the same arguments it keeps the runs that finished."})
final class SweepCommand implements Callable<Integer> {
  @ParentCommand Main main;
  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
      description = "Sweep file (YAML): env, algo, steps, seeds, set, space, samples,"
          + " sample_seed, parallelism. The options below override or add to it.")
  Path file;

  @Option(names = "--env", paramLabel = "ID", description = "Env id.")
  String envId;

  @Option(names = "--algo", paramLabel = "ALGO", description = "Algorithm id.")
  String algo;

  @Option(names = "--steps", paramLabel = "N",
      description = "Env steps per run (default: per env and algo, as train).")
  Long steps;

  @Option(names = "--seeds", paramLabel = "SEEDS",
      description = "Seeds of every config: 1-8, 1,4,9 or 1-3,7.")
  String seeds;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "A fixed setting of every run, as train --set; repeatable.")
  Map<String, String> set = new LinkedHashMap<>();

  @Option(names = "--grid", paramLabel = "KEY=V1,V2",
      description = "Search KEY over these values; repeatable (the grid is their product).")
  List<String> grid = new ArrayList<>();

  @Option(names = "--range", paramLabel = "KEY=MIN:MAX",
      description = "Sample KEY uniformly from [MIN, MAX] (needs --samples).")
  List<String> range = new ArrayList<>();

  @Option(names = "--log-range", paramLabel = "KEY=MIN:MAX",
      description = "Sample KEY log-uniformly from [MIN, MAX], MIN > 0 (needs --samples).")
  List<String> logRange = new ArrayList<>();

  @Option(names = "--samples", paramLabel = "N",
      description = "Random search: N points of the space instead of the whole grid.")
  Integer samples;

  @Option(names = "--sample-seed", paramLabel = "S",
      description = "Seed of the random search (default: the file's, else 0).")
  Long sampleSeed;

  @Option(names = "--parallelism", paramLabel = "P",
      description = "Runs at a time in embedded Spark (default: the file's, else the machine's"
          + " cores). Under spark-submit the cluster's executor cores decide.")
  Integer parallelism;

  @Option(names = "--device", paramLabel = "auto|cpu|gpu", defaultValue = "auto",
      description = "Where each run's networks live, as train (default: ${DEFAULT-VALUE}: a GPU"
          + " when DJL sees one).")
  String device;

  @Option(names = "--out", paramLabel = "DIR|URI",
      description = "The sweep's directory (default: runs/sweep-ENV-ALGO): one sub-directory per"
          + " run, named by its id; or a Hadoop file system URI every executor can write"
          + " (hdfs://..., s3a://...).")
  String out;

  @Option(names = "--no-progress", description = "No progress lines.")
  boolean noProgress;

  @Override
  public Integer call() {
    if (!sparkPresent()) {
      throw Main.usage(spec, "sweep needs Apache Spark on the classpath: ./gdx-rl has it; in a"
          + " Maven project add org.apache.spark:spark-core_2.13 (see README 'Sweeps')");
    }
    return Run.sweep(this);
  }

  private static boolean sparkPresent() {
    try {
      Class.forName("org.apache.spark.api.java.JavaSparkContext", false,
          SweepCommand.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** The work, in a class of its own, so that the command line loads without Spark. */
  private static final class Run {
    static int sweep(SweepCommand c) {
      CommandSpec spec = c.spec;
      SweepPlan plan;
      Store store;
      int parallelism;
      try {
        SweepSpec s = c.file == null ? SweepSpec.empty() : SweepSpec.read(c.file);
        Map<String, String> set = new LinkedHashMap<>(s.set());
        set.putAll(c.set);
        Map<String, SweepSpec.Dimension> space = new LinkedHashMap<>(s.space());
        // a key on the command line replaces the file's; given twice on the command line, it
        // is refused (one --grid K=V1,V2 lists every value)
        java.util.Set<String> given = new java.util.HashSet<>();
        List<Map.Entry<String, SweepSpec.Dimension>> dims = new ArrayList<>();
        for (String g : c.grid) {
          dims.add(SweepSpec.parseGrid(g));
        }
        for (String r : c.range) {
          dims.add(SweepSpec.parseRange(r, false));
        }
        for (String r : c.logRange) {
          dims.add(SweepSpec.parseRange(r, true));
        }
        for (Map.Entry<String, SweepSpec.Dimension> e : dims) {
          if (!given.add(e.getKey())) {
            throw new IllegalArgumentException("'" + e.getKey() + "' is searched twice on the"
                + " command line; give all its values in one --grid " + e.getKey()
                + "=V1,V2,... (or one range)");
          }
          space.put(e.getKey(), e.getValue());
        }
        if (c.steps != null) {
          Main.requireInRange(spec, "--steps", c.steps, 1,
              dev.gdxrl.agent.train.TrainConfig.MAX_STEPS);
        }
        if (c.samples != null) {
          Main.requirePositive(spec, "--samples", c.samples);
        }
        if (c.sampleSeed != null) {
          Main.requireNonNegative(spec, "--sample-seed", c.sampleSeed);
        }
        if (c.parallelism != null) {
          Main.requireInRange(spec, "--parallelism", c.parallelism, 1, 1024);
        }
        s = new SweepSpec(c.envId != null ? c.envId : s.env(), c.algo != null ? c.algo : s.algo(),
            c.steps != null ? c.steps : s.steps(),
            c.seeds != null ? SweepSpec.parseSeeds(c.seeds, "--seeds") : s.seeds(), set, space,
            c.samples != null ? c.samples : s.samples(),
            c.sampleSeed != null ? c.sampleSeed : s.sampleSeed(),
            c.parallelism != null ? c.parallelism : s.parallelism());
        if (s.env() != null) {
          Main.requireEnv(spec, c.main.registry(), s.env()); // with the --classpath hint
        }
        plan = SweepPlan.of(s);
        Sweep.check(plan, c.main.registry(), Algorithms.builtin());
        parallelism = s.parallelism() != null ? s.parallelism()
            : Runtime.getRuntime().availableProcessors();
        store = Store.of(c.out != null ? c.out : "runs/sweep-" + s.env() + "-" + s.algo());
        Sweep.checkOutput(store);
      } catch (IllegalArgumentException e) {
        throw Main.usage(spec, e.getMessage());
      }
      Sweep.Outcome o;
      try {
        o = Sweep.run(plan, store, c.device, c.main.classpathWords(), parallelism,
            spec.commandLine().getErr(), !c.noProgress);
      } catch (IllegalArgumentException e) { // another sweep holds the directory
        throw Main.usage(spec, e.getMessage());
      }
      var outStream = spec.commandLine().getOut();
      outStream.print(SweepResults.table(o.summaries()));
      long failed = o.rows().stream().filter(r -> !r.ok()).count();
      for (var r : o.rows()) {
        if (!r.ok()) {
          outStream.println("FAILED " + r.runId() + ": " + r.error());
        }
      }
      outStream.printf(java.util.Locale.ROOT, "SWEEP env=%s algo=%s runs=%d ok=%d failed=%d"
              + " ran_now=%d finished_before=%d best=%s out=%s%n", plan.spec().env(),
          plan.spec().algo(), o.rows().size(), o.rows().size() - failed, failed, o.ranNow(),
          o.finishedBefore(), o.summaries().isEmpty() || o.summaries().get(0).ok() == 0 ? "-"
              : o.summaries().get(0).config().id(),
          store.describe());
      outStream.flush();
      return failed == 0 ? 0 : Main.EXIT_FAILURE;
    }
  }
}
