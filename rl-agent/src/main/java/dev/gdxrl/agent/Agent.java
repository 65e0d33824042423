package dev.gdxrl.agent;

import dev.gdxrl.env.VectorEnv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A learner as the training loop, checkpoint io and {@code LearnedPolicy} see it: it acts on a
 * vector of {@link #envs()} envs at once, is told what the vector step did, decides itself when
 * to update (collect, then train, as in Stable-Baselines3), and saves its parameters. Each
 * algorithm implements it in its own package; the one loop ({@code train.Trainer}) never knows
 * which one it drives.
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

  /** Envs the agent learns from at once (its {@code n_envs}); the loop steps that many. */
  default int envs() {
    return 1;
  }

  /** Worker threads for stepping the envs (results do not depend on it). */
  default int threads() {
    return 1;
  }

  /**
   * How the loop seeds the envs' episodes: {@link EpisodeSeeding#RUN_SEQUENCE} (the default) or
   * {@link EpisodeSeeding#PER_ENV_GENERATOR}.
   */
  default EpisodeSeeding episodeSeeding() {
    return EpisodeSeeding.RUN_SEQUENCE;
  }

  /** The two seedings of a run's episodes; both give the same run for any thread count. */
  enum EpisodeSeeding {
    /**
     * Episode j of env k of a vector of N envs is seeded with {@code Seeds.episode(seed, e0 + k
     * + j N)}, e0 the episodes before this run (resume): with one env, the run's own sequence
     * of episode seeds (DQN and Q-learning, which trained on one env before the vector loop).
     */
    RUN_SEQUENCE,
    /**
     * {@code VectorEnv.reset(Seeds.episode(seed, e0))}: env k starts with that seed + k and draws
     * its later episodes' seeds from its own generator (the actor-critics).
     */
    PER_ENV_GENERATOR
  }

  /**
   * Behaviour actions (exploring) for every env's current observation after {@code envStep} env
   * steps; the returned array is owned by the agent and overwritten by the next call. The
   * observation arrays may be kept (the vector env hands out fresh ones); the outer array may
   * not.
   */
  A[] actBatch(float[][] observations, long envStep);

  /**
   * The outcome of the vector step taken with the last {@link #actBatch} actions: auto-reset
   * already done, so an env whose episode ended has its final observation in {@link
   * VectorEnv.Result#finalObservations()} (learners bootstrap from it on truncation, not on
   * termination). The agent may run updates here.
   *
   * @param envStep env steps so far, this vector step's included
   * @return gradient steps (or table updates) taken during this call
   */
  int observeBatch(VectorEnv.Result result, long envStep);

  /**
   * How the training loop collects from {@code venv} (this agent's envs): by default one vector
   * step at a time through {@link #actBatch} and {@link #observeBatch} ({@link
   * Collector#stepwise}); an agent may collect whole rollouts on the vector env's shard threads.
   */
  default Collector<A> collector(VectorEnv<A> venv) {
    return Collector.stepwise(this, venv);
  }

  /** The greedy action, for evaluation and play. Does not change the agent's state. */
  A actGreedy(float[] observation);

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
