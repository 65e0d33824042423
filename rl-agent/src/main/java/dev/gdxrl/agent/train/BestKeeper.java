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
 * evaluations of the resumed part only.
 */
public final class BestKeeper implements Listeners.EvalObserver, AutoCloseable {

  /** Writes what {@link Agent#load} needs into an existing empty directory. */
  @FunctionalInterface
  public interface SnapshotWriter {
    void write(Path dir, TrainState state) throws IOException;
  }

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
    if (failed || mean < bestMean) {
      return;
    }
    Path next = null;
    try {
      next = Files.createTempDirectory("gdx-rl-best-");
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
