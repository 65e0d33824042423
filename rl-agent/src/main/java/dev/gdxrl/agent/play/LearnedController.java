package dev.gdxrl.agent.play;

import dev.gdxrl.agent.infer.InferencePolicy;
import dev.gdxrl.agent.train.Seeds;
import dev.gdxrl.control.ActingMode;
import dev.gdxrl.control.Controller;
import dev.gdxrl.control.Insight;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

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
  /** Seeds stream of the NPC generators. */
  private static final long NPC_STREAM = 101;

  private final InferencePolicy policy;
  private final ActingMode mode;
  private final List<SplittableRandom> rngs = new ArrayList<>();
  private SplittableRandom[] rngArray = new SplittableRandom[0];
  private final float[] lastObservation;
  private final float[][] single = new float[1][];
  private final Object[] singleOut = new Object[1];
  private boolean decided;
  private A lastAction;

  LearnedController(InferencePolicy policy, ActingMode mode) {
    policy.check(mode);
    this.policy = policy;
    this.mode = mode;
    this.lastObservation = new float[policy.meta().observationSpace().dim()];
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The mode this controller acts in. */
  ActingMode mode() {
    return mode;
  }

  @Override
  @SuppressWarnings("unchecked")
  public A decide(float[] observation) {
    single[0] = observation;
    policy.decide(single, 1, mode, generators(1), singleOut);
    A a = (A) singleOut[0];
    remember(observation, a);
    return a;
  }

  /** Whether {@link #decideAll} runs one batched pass (every checkpoint now does). */
  boolean batched() {
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void decideAll(float[][] observations, A[] out) {
    int n = observations.length;
    if (n == 0) {
      return;
    }
    policy.decide(observations, n, mode, generators(n), out);
    remember(observations[0], out[0]);
  }

  /** NPC i's generator, made on first use from the mode's seed and i. */
  private SplittableRandom[] generators(int n) {
    if (mode.kind() == ActingMode.Kind.GREEDY) {
      return null;
    }
    while (rngs.size() < n) {
      rngs.add(new SplittableRandom(Seeds.mix(mode.seed(), NPC_STREAM, rngs.size())));
    }
    if (rngArray.length != rngs.size()) {
      rngArray = rngs.toArray(new SplittableRandom[0]);
    }
    return rngArray;
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
    return policy.insight(lastObservation, lastAction instanceof Integer i ? i : -1);
  }

  /** Nothing native is held: the parameters live on the host. */
  @Override
  public void close() {}
}
