package dev.gdxrl.agent.train;

import dev.gdxrl.agent.Agent;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 */
public final class BestKeeper implements Listeners.EvalObserver, AutoCloseable {

  /** Writes what {@link Agent#load} needs into an existing empty directory. */
  @FunctionalInterface
  public interface SnapshotWriter {
    void write(Path dir, TrainState state) throws IOException;
  }

  private final SnapshotWriter writer;
  private Path dir;
  private double bestMean = Double.NEGATIVE_INFINITY;
  private long bestStep = -1;
  private long lastStep = -1;
  private double lastMean = Double.NaN;

  public BestKeeper(SnapshotWriter writer) {
    this.writer = writer;
  }

  @Override
  public void evaluated(TrainState state, double mean) {
    lastStep = state.envSteps();
    lastMean = mean;
    if (mean < bestMean) {
      return;
    }
    try {
      Path next = Files.createTempDirectory("gdx-rl-best-");
      writer.write(next, state);
      deleteTree(dir);
      dir = next;
    } catch (IOException e) {
      throw new UncheckedIOException("keep_best: cannot write the best parameters to a temporary"
          + " directory: " + e.getMessage(), e);
    }
    bestMean = mean;
    bestStep = state.envSteps();
  }

  /**
   * Loads the best evaluated parameters into {@code agent} unless the last evaluation was the best
   * (or there was none).
   *
   * @return a line saying what the checkpoint holds, or null when nothing was evaluated
   */
  public String restoreBest(Agent<?> agent) {
    if (bestStep < 0) {
      return null;
    }
    if (bestStep == lastStep) {
      return String.format(java.util.Locale.ROOT,
          "keep_best: the last evaluation (step %d, mean %.1f) was the best; keeping the last"
              + " parameters", lastStep, lastMean);
    }
    try {
      agent.load(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("keep_best: cannot read back the best parameters: "
          + e.getMessage(), e);
    }
    return String.format(java.util.Locale.ROOT,
        "keep_best: the checkpoint holds the parameters evaluated at step %d (mean %.1f), not"
            + " the last ones (step %d, mean %.1f)", bestStep, bestMean, lastStep, lastMean);
  }

  /** Env step of the best evaluation so far, -1 before the first. */
  public long bestStep() {
    return bestStep;
  }

  @Override
  public void close() {
    try {
      deleteTree(dir);
    } catch (IOException e) {
      // a leftover temporary directory is not worth failing a finished run for
    }
    dir = null;
  }

  private static void deleteTree(Path d) throws IOException {
    if (d == null || !Files.exists(d)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(d)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
