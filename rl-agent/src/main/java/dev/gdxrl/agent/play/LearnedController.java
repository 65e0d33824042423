package dev.gdxrl.agent.play;

import dev.gdxrl.agent.io.LearnedPolicy;
import dev.gdxrl.control.Controller;
import dev.gdxrl.control.Insight;

/**
 * A checkpoint driving a game: the observations are normalised as in training, the action is the
 * policy's greedy one. {@link #decideAll} serves every NPC of a scene in one call; the HUD's
 * {@link #insight()} is computed on demand (once per frame, not once per decision) for the first
 * NPC, so deciding costs exactly what the policy costs.
 *
 * <p>Not thread-safe (scratch buffers). {@link #close()} frees the policy's native memory.
 *
 * @param <A> the env's action type
 */
final class LearnedController<A> implements Controller<A>, AutoCloseable {
  /** The name the HUD and the driver keys use. */
  static final String NAME = "agent";

  private final LearnedPolicy<A> policy;
  private final ObservationScaler scaler;
  private final BatchedQNetwork batched;
  private float[][] q = new float[0][];
  private int[] greedy = new int[0];
  private final float[] scratch;
  private final float[] lastObservation;
  private float[][] batch = new float[0][];
  private boolean decided;
  private A lastAction;

  /**
   * @param batched the checkpoint's Q-network for batched decisions, or null to ask the policy
   *     for each NPC in turn
   */
  LearnedController(LearnedPolicy<A> policy, ObservationScaler scaler, BatchedQNetwork batched,
      int observationSize) {
    this.policy = policy;
    this.scaler = scaler;
    this.batched = batched;
    this.scratch = new float[observationSize];
    this.lastObservation = new float[observationSize];
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public A decide(float[] observation) {
    float[] x = scaler == null ? observation : scaler.apply(observation, scratch);
    A a = policy.act(x);
    remember(x, a);
    return a;
  }

  /** Whether {@link #decideAll} runs one batched forward pass (true for DQN checkpoints). */
  boolean batched() {
    return batched != null;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void decideAll(float[][] observations, A[] out) {
    int n = observations.length;
    if (n == 0) {
      return;
    }
    float[][] in = observations;
    if (scaler != null) {
      if (batch.length != n) {
        batch = new float[n][scratch.length];
      }
      for (int i = 0; i < n; i++) {
        scaler.apply(observations[i], batch[i]);
      }
      in = batch;
    }
    if (batched != null) {
      if (q.length != n) {
        q = new float[n][batched.actions()];
        greedy = new int[n];
      }
      batched.forward(in, n, q, greedy);
      for (int i = 0; i < n; i++) {
        out[i] = (A) Integer.valueOf(greedy[i]);
      }
    } else {
      policy.actBatch(in, out);
    }
    remember(in[0], out[0]);
  }

  private void remember(float[] x, A action) {
    System.arraycopy(x, 0, lastObservation, 0, lastObservation.length);
    lastAction = action;
    decided = true;
  }

  /**
   * What the first NPC's last decision rested on: the Q-value of each action (value-based agents),
   * or the action probabilities and V(s) (discrete actor-critics), or the Gaussian's mean and std
   * and V(s) (continuous actor-critics); the chosen discrete action is marked.
   */
  @Override
  public Insight insight() {
    if (!decided) {
      return null;
    }
    int chosen = lastAction instanceof Integer i ? i : -1;
    if (policy.hasActionValues()) {
      float[] q = policy.actionValues(lastObservation, new float[policy.actions()]);
      return new Insight(Insight.Kind.ACTION_VALUES, q, null, Double.NaN, chosen);
    }
    if (policy.hasDistribution()) {
      float[] values = new float[policy.actions()];
      double v = policy.distribution(lastObservation, values);
      if (chosen >= 0) {
        return new Insight(Insight.Kind.ACTION_PROBABILITIES, values, null, v, chosen);
      }
      float[] std = policy.std(new float[values.length]);
      return new Insight(Insight.Kind.GAUSSIAN, values, std, v, -1);
    }
    return null;
  }

  @Override
  public void reset() {
    policy.reset();
  }

  @Override
  public void close() {
    policy.close();
  }
}
