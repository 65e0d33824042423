package dev.gdxrl.desktop.sweep;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Runs a sweep's runs as Spark tasks, one run per task. Without a master of its own (the
 * {@code spark.master} that {@code spark-submit} sets), Spark runs embedded: local mode in this
 * process, {@code parallelism} task threads. With {@code spark-submit --master spark://...} (or
 * YARN, Kubernetes) the same tasks go to the cluster's executors and the runs at a time are the
 * executors' cores.
 *
 * <p>Task retries: a run never throws (its failure is its row), so a task fails only when its
 * executor dies; Spark then runs it once more ({@code spark.task.maxFailures=2}) from a clean
 * directory, and a second loss fails the sweep.
 */
public final class SparkSweep {
  private SparkSweep() {}

  /** Spark's task attempts per run (one retry). */
  public static final int TASK_ATTEMPTS = 2;

  /** The Spark master this process would use: spark-submit's, or local[parallelism]. */
  public static String master(int parallelism) {
    String submitted = System.getProperty("spark.master");
    return submitted != null && !submitted.isBlank() ? submitted
        : "local[" + parallelism + "," + TASK_ATTEMPTS + "]";
  }

  /**
   * Runs every run of {@code todo}, at most {@code parallelism} at a time when embedded.
   *
   * @return their rows, in the order of {@code todo}
   */
  public static List<RunRow> run(List<RunSpec> todo, Store store, String device,
      String classpath, int parallelism, Progress progress) {
    if (todo.isEmpty()) {
      return List.of();
    }
    String master = master(parallelism);
    quietLoggers();
    SparkConf conf = new SparkConf(true)
        .setAppName("gdx-rl sweep")
        .setMaster(master)
        .setIfMissing("spark.ui.enabled", "false")
        .setIfMissing("spark.task.maxFailures", Integer.toString(TASK_ATTEMPTS))
        .setIfMissing("spark.ui.showConsoleProgress", "false");
    if (master.startsWith("local")) {
      // embedded: nothing listens beyond this machine
      conf.setIfMissing("spark.driver.host", "127.0.0.1")
          .setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      sc.setLogLevel("WARN");
      sc.sc().addSparkListener(new Listener(todo, store, progress));
      progress.started(master, todo.size(),
          master.startsWith("local") ? parallelism : Integer.MAX_VALUE);
      try {
        return sc.parallelize(new ArrayList<>(todo), todo.size())
            .map(new SweepTask(store, device, classpath))
            .collect();
      } finally {
        progress.stopped();
      }
    }
  }

  /**
   * Spark's and Hadoop's start-up notes (a loopback host name, no native Hadoop library) say
   * nothing a sweep's user can act on; errors still show. Only where not set by the user.
   */
  private static void quietLoggers() {
    for (String name : new String[] {"org.apache.spark.util.Utils",
        "org.apache.hadoop.util.NativeCodeLoader", "org.apache.spark.SparkContext"}) {
      String key = "org.slf4j.simpleLogger.log." + name;
      if (System.getProperty(key) == null) {
        System.setProperty(key, "error");
      }
    }
  }

  /** Counts runs done / running / failed as Spark's tasks start and end (driver side). */
  private static final class Listener extends SparkListener {
    private final List<RunSpec> todo;
    private final Store store;
    private final Progress progress;

    Listener(List<RunSpec> todo, Store store, Progress progress) {
      this.todo = todo;
      this.store = store;
      this.progress = progress;
    }

    @Override
    public void onTaskStart(SparkListenerTaskStart start) {
      progress.runStarted(todo.get(start.taskInfo().index()));
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      RunSpec run = todo.get(end.taskInfo().index());
      RunRow row = null;
      try {
        String json = store.read(run.id() + "/" + SweepTask.RUN_JSON);
        row = json == null ? null : SweepTask.fromJson(json);
      } catch (Exception e) {
        row = null;
      }
      progress.runEnded(run, row, end.taskInfo().successful());
    }
  }

  /** Progress lines on the log stream: runs done / running / failed and an ETA. */
  public static final class Progress {
    private final PrintWriter log;
    private final boolean show;
    private long t0;
    private int total;
    private int done;
    private int failed;

    public Progress(PrintWriter log, boolean show) {
      this.log = log;
      this.show = show;
    }

    private int slots;
    private final java.util.Set<String> runningIds = new java.util.HashSet<>();

    private int before;

    /** Runs an earlier start of the sweep finished: they count as done. */
    public synchronized Progress finishedBefore(int n) {
      before = n;
      return this;
    }

    synchronized void started(String master, int runs, int slots) {
      t0 = System.nanoTime();
      total = runs + before;
      done = before;
      this.slots = slots;
      if (show) {
        log.println("sweep: " + runs + " run" + (runs == 1 ? "" : "s") + " on Spark " + master);
        log.flush();
        // long runs: a line at least every HEARTBEAT_S seconds, so a sweep never looks stuck
        heartbeat = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
          Thread t = new Thread(r, "gdx-rl sweep progress");
          t.setDaemon(true);
          return t;
        });
        heartbeat.scheduleAtFixedRate(this::beat, HEARTBEAT_S, HEARTBEAT_S,
            java.util.concurrent.TimeUnit.SECONDS);
      }
    }

    /** Seconds between progress lines while nothing starts or ends. */
    static final long HEARTBEAT_S = 30;

    private java.util.concurrent.ScheduledExecutorService heartbeat;
    private long lastLine;

    private synchronized void beat() {
      if (System.nanoTime() - lastLine >= (HEARTBEAT_S - 1) * 1_000_000_000L) {
        line("running: " + String.join(", ", new java.util.TreeSet<>(runningIds)));
      }
    }

    synchronized void stopped() {
      if (heartbeat != null) {
        heartbeat.shutdownNow();
        heartbeat = null;
      }
    }

    synchronized void runStarted(RunSpec run) {
      runningIds.add(run.id());
      line("started " + run.id());
    }

    synchronized void runEnded(RunSpec run, RunRow row, boolean taskOk) {
      runningIds.remove(run.id());
      if (!taskOk) {
        line("lost " + run.id() + " (its executor died; Spark retries it once)");
        return;
      }
      done++;
      String what;
      if (row != null && row.ok()) {
        what = String.format(Locale.ROOT, "finished %s: eval_mean=%.1f in %.0f s", run.id(),
            row.evalMean(), row.wallSeconds());
      } else {
        failed++;
        what = "FAILED " + run.id() + (row == null ? "" : ": " + row.error());
      }
      line(what);
    }

    private void line(String what) {
      if (!show) {
        return;
      }
      lastLine = System.nanoTime();
      double elapsed = (System.nanoTime() - t0) / 1e9;
      int now = done - before;
      String eta = now == 0 ? "?" : duration(elapsed / now * (total - done));
      // Spark may report the next task's start just before the last one's end
      log.printf(Locale.ROOT, "sweep: %d/%d done (%d failed), %d running, %s elapsed, ETA %s"
          + " | %s%n", done, total, failed, Math.min(slots, runningIds.size()), duration(elapsed), eta,
          what);
      log.flush();
    }

    static String duration(double s) {
      long t = Math.round(s);
      return t >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", t / 3600, t / 60 % 60)
          : t >= 60 ? String.format(Locale.ROOT, "%dm%02ds", t / 60, t % 60) : t + "s";
    }
  }
}
