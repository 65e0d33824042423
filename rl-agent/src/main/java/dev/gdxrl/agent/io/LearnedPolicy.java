package dev.gdxrl.agent.io;

import dev.gdxrl.agent.Algorithms;
import dev.gdxrl.agent.infer.InferencePolicy;
import dev.gdxrl.agent.train.Seeds;
import dev.gdxrl.control.ActingMode;
import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Env;
import dev.gdxrl.registry.EnvRegistry;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A trained agent loaded from a checkpoint as a core {@link Policy}: this is how a learned NPC
 * drives a game. It is an {@link InferencePolicy} (weights, frozen normalisation, head decoding;
 * no learner), takes the env's raw observations, acts greedily unless given another {@link
 * ActingMode}, exposes what a HUD shows, and acts for many NPCs in one call.
 *
 * <p>Not thread-safe (scratch buffers): use one instance per thread. {@link #close()} is kept for
 * try-with-resources; nothing native is held.
 *
 * @param <A> action type ({@code Integer} for Discrete actions, {@code float[]} for a Box)
 */
public final class LearnedPolicy<A> implements Policy<float[], A>, AutoCloseable {
  private static final long NPC_STREAM = 101;

  private final InferencePolicy policy;
  private final ActingMode mode;
  private SplittableRandom[] rngs = new SplittableRandom[0];
  private final float[][] single = new float[1][];
  private final Object[] singleOut = new Object[1];

  private LearnedPolicy(InferencePolicy policy, ActingMode mode) {
    policy.check(mode);
    this.policy = policy;
    this.mode = mode;
  }

  /** {@code policy} acting in {@code mode}; a one-line error when the mode does not suit it. */
  public static <A> LearnedPolicy<A> of(InferencePolicy policy, ActingMode mode) {
    return new LearnedPolicy<>(policy, mode);
  }

  /**
   * Loads a checkpoint for {@code env} (any env, registered or not): its spaces are checked
   * against the checkpoint's, with {@link Checkpoints#checkSpaces}'s one-line messages.
   */
  public static <A> LearnedPolicy<A> load(Path dir, Env<float[], A> env) {
    return new LearnedPolicy<>(InferencePolicy.load(dir, env.observationSpace(),
        env.actionSpace()), ActingMode.GREEDY);
  }

  /** Loads a checkpoint with the spaces its {@code agent.json} names (no env to check against). */
  public static LearnedPolicy<?> load(Path dir) {
    return new LearnedPolicy<>(InferencePolicy.load(dir), ActingMode.GREEDY);
  }

  /**
   * Loads a checkpoint whose env is in {@code registry}, checked against that env's spaces.
   *
   * @throws CheckpointException one line, also when the env is not in {@code registry}
   */
  public static LearnedPolicy<?> load(Path dir, EnvRegistry registry, Algorithms algos) {
    CheckpointMeta meta = Checkpoints.readMeta(dir);
    Checkpoints.checkRegistered(meta, dir, registry);
    return new LearnedPolicy<>(InferencePolicy.load(dir, meta, algos), ActingMode.GREEDY);
  }

  /** Loads a checkpoint of an agent with a Discrete action space. */
  @SuppressWarnings("unchecked")
  public static LearnedPolicy<Integer> loadDiscrete(Path dir, EnvRegistry registry) {
    LearnedPolicy<?> p = load(dir, registry, Algorithms.builtin());
    if (!(p.meta().actionSpace() instanceof Discrete)) {
      throw new CheckpointException("checkpoint " + dir + " holds a '" + p.meta().algo()
          + "' agent, which has no discrete greedy policy");
    }
    return (LearnedPolicy<Integer>) p;
  }

  /**
   * The same policy acting in {@code mode} (NPC i of {@link #actBatch} draws from a generator
   * seeded from {@code mode.seed()} and i; {@link #act} is NPC 0).
   *
   * @throws IllegalArgumentException one line when the mode does not suit the algorithm
   */
  public LearnedPolicy<A> withMode(ActingMode mode) {
    return new LearnedPolicy<>(policy, mode);
  }

  /** The mode this policy acts in. */
  public ActingMode mode() {
    return mode;
  }

  public CheckpointMeta meta() {
    return policy.meta();
  }

  /** The inference policy behind this. */
  public InferencePolicy inference() {
    return policy;
  }

  @Override
  @SuppressWarnings("unchecked")
  public A act(float[] observation) {
    single[0] = observation;
    policy.decide(single, 1, mode, generators(1), singleOut);
    return (A) singleOut[0];
  }

  /** Actions for many observations (one per NPC, one batched pass), written into {@code out}. */
  public A[] actBatch(float[][] observations, A[] out) {
    policy.decide(observations, observations.length, mode, generators(observations.length), out);
    return out;
  }

  /**
   * Starts every NPC's generator again from its seed, so an episode restarted with the same env
   * seed repeats the same behaviour in a stochastic mode (nothing to do when greedy).
   */
  @Override
  public void reset() {
    rngs = new SplittableRandom[0];
  }

  private SplittableRandom[] generators(int n) {
    if (mode.kind() == ActingMode.Kind.GREEDY) {
      return null;
    }
    if (rngs.length < n) {
      SplittableRandom[] g = java.util.Arrays.copyOf(rngs, n);
      for (int i = rngs.length; i < n; i++) {
        g[i] = new SplittableRandom(Seeds.mix(mode.seed(), NPC_STREAM, i));
      }
      rngs = g;
    }
    return rngs;
  }

  /** Whether {@link #actionValues} is available (value-based agents). */
  public boolean hasActionValues() {
    return policy.head() == InferencePolicy.Head.Q_VALUES;
  }

  /** The per-action values (Q-values) of the raw {@code observation}, into {@code out}. */
  public float[] actionValues(float[] observation, float[] out) {
    return policy.actionValues(observation, out);
  }

  /** Number of actions (Discrete) or action dimensions (Box). */
  public int actions() {
    return policy.actionSize();
  }

  /**
   * True: {@link #act} takes the env's raw observations and applies the checkpoint's observation
   * normalisation itself; callers must not scale them.
   */
  public boolean normalizesInternally() {
    return true;
  }

  /** Whether {@link #distribution} is available (actor-critic agents: reinforce, a2c, ppo). */
  public boolean hasDistribution() {
    return policy.head() != InferencePolicy.Head.Q_VALUES;
  }

  /**
   * The policy at {@code observation} for a HUD: action probabilities (discrete) or the
   * Gaussian's mean (continuous) into {@code out}; returns the critic's V(s). The greedy action
   * is the argmax or the mean clipped to the action space.
   */
  public float distribution(float[] observation, float[] out) {
    return policy.distribution(observation, out);
  }

  /** The Gaussian policy's standard deviations into {@code out} (actor-critic agents). */
  public float[] std(float[] out) {
    if (!hasDistribution()) {
      throw new UnsupportedOperationException(meta().algo() + " has no policy distribution");
    }
    return policy.std(out);
  }

  @Override
  public void close() {}
}
