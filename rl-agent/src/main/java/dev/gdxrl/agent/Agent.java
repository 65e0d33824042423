package dev.gdxrl.agent;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A learner as the shared training loop, checkpoint io and {@code LearnedPolicy} see it: it acts,
 * is told what happened, decides itself when to update, and saves its parameters. Each algorithm
 * implements it in its own package; the loop never knows which one it drives.
 *
 * <p>Contract: every agent owns its seeded random generator and its native resources (closed by
 * {@link #close()}); the same seed and the same transitions give the same actions and updates on
 * the CPU.
 *
 * @param <A> action type: {@code Integer} for Discrete action spaces, {@code float[]} for Box ones
 */
public interface Agent<A> extends AutoCloseable {

  /** Algorithm id, e.g. {@code "dqn"}. */
  String algo();

  /** The behaviour action during training (exploring) after {@code envStep} env steps. */
  A act(float[] observation, long envStep);

  /** The greedy action, for evaluation and play. Does not change the agent's state. */
  A actGreedy(float[] observation);

  /**
   * One transition. {@code nextObservation} is the real next observation, the final one when the
   * episode was truncated (learners bootstrap from it) or terminated (they do not). The agent may
   * run updates here.
   *
   * @param envStep env steps taken so far, this one included
   * @return gradient steps (or table updates) taken during this call
   */
  int observe(float[] observation, A action, double reward, float[] nextObservation,
      boolean terminated, boolean truncated, long envStep);

  /** Gradient steps (table updates for tabular agents) since the start of the run. */
  long gradientSteps();

  /** Restores the gradient-step counter when a run is resumed. */
  void restoreGradientSteps(long steps);

  /**
   * Current learner statistics for logs and metrics (e.g. epsilon, loss); may allocate, call it
   * rarely.
   */
  Map<String, Double> diagnostics(long envStep);

  /**
   * The loss of the last update (any scale; 0 for learners without one). The training loop checks
   * it is finite after every update and stops the run otherwise (a diverged learner).
   */
  default double lastLoss() {
    return 0;
  }

  /**
   * Whether every parameter is a finite number; checked before each evaluation and checkpoint
   * (a host-side scan, cheap for the networks of RL).
   */
  default boolean parametersFinite() {
    return true;
  }

  /** Writes the agent's parameters into the (existing, empty) checkpoint directory. */
  void save(Path dir) throws IOException;

  /** Reads parameters written by {@link #save} for an agent of the same config and spaces. */
  void load(Path dir) throws IOException;

  /**
   * Observation normalisation statistics to store in {@code agent.json} (null when the agent
   * does not normalise); {@link #load} reads them back from there.
   */
  default Map<String, Object> normalization() {
    return null;
  }

  /**
   * True when {@link #act} and {@link #actGreedy} take raw observations and apply {@link
   * #normalization()} themselves (the actor-critics do); false when a caller holding normalised
   * observations must scale them first.
   */
  default boolean normalizesInternally() {
    return false;
  }

  /**
   * Whether {@link #saveTrainingState} writes the replay buffer (so a resumed run continues with
   * it instead of refilling one).
   */
  default boolean savesReplayBuffer() {
    return false;
  }

  /**
   * Writes what a resumed run needs beyond the parameters (a replay buffer, optimiser moments)
   * into the checkpoint directory being written; checkpoints call it, parameter snapshots do not.
   * Default: nothing.
   */
  default void saveTrainingState(Path dir) throws IOException {}

  /**
   * Reads what {@link #saveTrainingState} wrote, for {@code --resume}; files an older checkpoint
   * lacks are skipped. Default: nothing.
   *
   * @return a few words on what was restored, for the log (empty when nothing)
   */
  default String loadTrainingState(Path dir) throws IOException {
    return "";
  }

  @Override
  void close();
}
