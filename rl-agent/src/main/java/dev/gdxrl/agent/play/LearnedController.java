package dev.gdxrl.agent.play;

import dev.gdxrl.agent.infer.InferencePolicy;
import dev.gdxrl.agent.io.LearnedPolicy;
import dev.gdxrl.control.ActingMode;
import dev.gdxrl.control.Controller;
import dev.gdxrl.control.Insight;

/**
 * A checkpoint driving a game through its {@link InferencePolicy}: raw observations in (the
 * checkpoint's normalisation is applied inside), actions out in the {@link ActingMode} it was
 * opened with. {@link #decideAll} serves every NPC of a scene in one batched pass; NPC i draws
 * from its own generator, seeded from the mode's seed and i ({@link #decide} is NPC 0). The HUD's
 * {@link #insight()} is computed on demand for NPC 0's last observation, so deciding costs
 * exactly what the policy costs.
 *
 * <p>Not thread-safe (scratch buffers).
 *
 * @param <A> the env's action type
 */
final class LearnedController<A> implements Controller<A>, AutoCloseable {
  /** The name the HUD and the driver keys use. */
  static final String NAME = "agent";

  private final LearnedPolicy<A> policy;
  private final float[] lastObservation;
  private boolean decided;
  private A lastAction;

  LearnedController(LearnedPolicy<A> policy) {
    this.policy = policy;
    this.lastObservation = new float[policy.meta().observationSpace().dim()];
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The mode this controller acts in. */
  ActingMode mode() {
    return policy.mode();
  }

  @Override
  public A decide(float[] observation) {
    A a = policy.act(observation);
    remember(observation, a);
    return a;
  }

  /** Whether {@link #decideAll} runs one batched pass (every checkpoint now does). */
  boolean batched() {
    return true;
  }

  @Override
  public void decideAll(float[][] observations, A[] out) {
    if (observations.length == 0) {
      return;
    }
    policy.actBatch(observations, out);
    remember(observations[0], out[0]);
  }

  /** A restarted episode draws the same stochastic actions again (see LearnedPolicy#reset). */
  @Override
  public void reset() {
    policy.reset();
  }

  private void remember(float[] x, A action) {
    System.arraycopy(x, 0, lastObservation, 0, lastObservation.length);
    lastAction = action;
    decided = true;
  }

  /**
   * What NPC 0's last decision rested on: the Q-value of each action (qtable, dqn), or the action
   * probabilities and V(s) (discrete actor-critics), or the Gaussian's mean and std and V(s)
   * (continuous actor-critics); the chosen discrete action is marked.
   */
  @Override
  public Insight insight() {
    if (!decided) {
      return null;
    }
    return policy.inference().insight(lastObservation, lastAction instanceof Integer i ? i : -1);
  }

  /** Nothing native is held: the parameters live on the host. */
  @Override
  public void close() {}
}
