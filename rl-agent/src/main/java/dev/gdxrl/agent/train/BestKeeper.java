package dev.gdxrl.agent.train;

import dev.gdxrl.agent.Agent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The {@code keep_best} option of the training loop: after each periodic evaluation whose mean is
 * at least the best so far, writes the agent's parameters to a private temporary directory; at the
 * end of the run, {@link #restoreBest} loads them back when the last evaluation was not the best.
 *
 * <p>Why: a value-based learner can reach a perfect greedy policy and lose it again within a few
 * thousand steps (DQN on CartPole does, measured: a seed that scored 500 at 30,000 steps scored
 * 145 at 50,000). Keeping the best evaluated parameters is what Stable-Baselines3's {@code
 * EvalCallback} offers; the periodic evaluations use their own episode seeds, never those of the
 * final evaluation or of {@code ./gdx-rl eval}, so the selection does not see the test episodes.
 *
 * <p>A snapshot that cannot be written (disk full) or read back costs the option, not the run: a
 * warning, and the last parameters are kept. On {@code --resume} the best is sought among the
 * evaluations of the resumed part only. A periodic evaluation only runs on finite parameters (see
 * {@link Listeners#evaluation}) and a mean that is not finite is never the best, so no NaN is ever
 * kept.
 *
 * <p>The snapshots live in {@code java.io.tmpdir} as {@code gdx-rl-best-PID-*}; {@link
 * #removeStale} deletes those of processes that are gone (a killed run cannot clean up).
 */
public final class BestKeeper implements Listeners.EvalObserver, AutoCloseable {

  /** Writes what {@link Agent#load} needs into an existing empty directory. */
  @FunctionalInterface
  public interface SnapshotWriter {
    void write(Path dir, TrainState state) throws IOException;
  }

  /** Name prefix of the snapshot directories in {@code java.io.tmpdir}. */
  static final String PREFIX = "gdx-rl-best-";
  /** Snapshots without a pid in the name (older builds) count as stale after this long. */
  private static final java.time.Duration UNOWNED_AGE = java.time.Duration.ofHours(24);

  private final SnapshotWriter writer;
  private final PrintStream log;
  private boolean failed;
  private Path dir;
  private double bestMean = Double.NEGATIVE_INFINITY;
  private long bestStep = -1;
  private long lastStep = -1;
  private double lastMean = Double.NaN;

  /** @param log where a warning goes if a snapshot cannot be written or read */
  public BestKeeper(SnapshotWriter writer, PrintStream log) {
    this.writer = writer;
    this.log = log;
  }

  @Override
  public void evaluated(TrainState state, double mean) {
    lastStep = state.envSteps();
    lastMean = mean;
    if (failed || !Double.isFinite(mean) || mean < bestMean) {
      return;
    }
    Path next = null;
    try {
      next = Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
      writer.write(next, state);
    } catch (IOException | RuntimeException e) {
      giveUp("cannot write the best parameters to a temporary directory: " + e.getMessage());
      deleteQuietly(next);
      return;
    }
    deleteQuietly(dir);
    dir = next;
    bestMean = mean;
    bestStep = state.envSteps();
  }

  private void giveUp(String why) {
    failed = true;
    deleteQuietly(dir);
    dir = null;
    bestStep = -1;
    log.println("warning: keep_best: " + why + "; the checkpoint keeps the last parameters");
  }

  /**
   * Loads the best evaluated parameters into {@code agent} unless they are the ones it holds:
   * the last evaluation was the best and came at {@code finalStep}, the run's last env step
   * (parameters trained after the last evaluation were never evaluated, so they do not count).
   *
   * @return a line saying what the checkpoint holds, or null when nothing was evaluated
   */
  public String restoreBest(Agent<?> agent, long finalStep) {
    if (bestStep < 0) {
      return null;
    }
    if (bestStep == lastStep && lastStep == finalStep) {
      return String.format(java.util.Locale.ROOT,
          "keep_best: the last evaluation (step %d, mean %.1f) was the best; keeping the last"
              + " parameters", lastStep, lastMean);
    }
    try {
      agent.load(dir);
    } catch (IOException | RuntimeException e) {
      // the agent may hold a mix now; the caller's checkpoint would then be wrong, so say it
      throw new IllegalStateException("keep_best: cannot read back the best parameters from "
          + dir + ": " + e.getMessage(), e);
    }
    return String.format(java.util.Locale.ROOT,
        "keep_best: the checkpoint holds the parameters evaluated at step %d (mean %.1f), not"
            + " the last ones (step %d%s)", bestStep, bestMean, finalStep,
        lastStep == finalStep ? String.format(java.util.Locale.ROOT, ", mean %.1f", lastMean)
            : ", not evaluated");
  }

  @Override
  public void close() {
    deleteQuietly(dir);
    dir = null;
  }

  /**
   * Deletes the snapshot directories in {@code tmpDir} left by runs that died: those whose pid
   * names no live process (or a process started after the directory), and those of older builds
   * (no pid) untouched for a day.
   *
   * @return how many were deleted
   */
  public static int removeStale(Path tmpDir) {
    int removed = 0;
    try (java.nio.file.DirectoryStream<Path> entries =
        Files.newDirectoryStream(tmpDir, PREFIX + "*")) {
      for (Path d : entries) {
        if (Files.isDirectory(d, java.nio.file.LinkOption.NOFOLLOW_LINKS) && stale(d)) {
          deleteQuietly(d);
          removed += Files.exists(d) ? 0 : 1;
        }
      }
    } catch (IOException | RuntimeException e) {
      // a temp folder that cannot be listed: nothing to clean
    }
    return removed;
  }

  private static boolean stale(Path d) throws IOException {
    java.time.Instant modified = Files.getLastModifiedTime(d,
        java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant();
    String rest = d.getFileName().toString().substring(PREFIX.length());
    int dash = rest.indexOf('-');
    long pid;
    try {
      pid = dash > 0 ? Long.parseLong(rest.substring(0, dash)) : -1;
    } catch (NumberFormatException e) {
      pid = -1;
    }
    if (pid < 0) {
      return modified.isBefore(java.time.Instant.now().minus(UNOWNED_AGE));
    }
    var owner = ProcessHandle.of(pid);
    if (owner.isEmpty()) {
      return true;
    }
    var started = owner.get().info().startInstant();
    // a pid used again by a process started after the snapshot was written
    return started.isPresent() && started.get().isAfter(modified);
  }

  /** Deletes a snapshot directory; a leftover in the temp folder is not worth failing a run. */
  private static void deleteQuietly(Path d) {
    if (d == null || !Files.exists(d)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(d)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // left for the OS to clean
    }
  }
}
