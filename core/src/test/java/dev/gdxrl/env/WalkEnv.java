package dev.gdxrl.env;

import java.util.SplittableRandom;

/**
 * A tiny test env: a random walk on the integers from a seeded start in [-1, 1]; action 0 steps
 * left, 1 right; terminated at |x| >= 3; reward x. Flaws can be switched on to prove the checker
 * catches them.
 */
final class WalkEnv implements Env<float[], Integer> {
  static final EnvSpec SPEC = new EnvSpec("walk", 50, Double.NaN);
  private static final Box OBS = Box.uniform(1, -3, 3);
  private static final Discrete ACT = new Discrete(2);

  boolean ignoreSeed;
  boolean acceptAnyAction;
  boolean reuseObservation;
  /** Keeps stepping after termination instead of throwing IllegalStateException. */
  // (before the first reset it still throws)
  boolean continueAfterEnd;
  /** Never terminates: x stays clamped to [-3, 3], so only a time limit ends an episode. */
  boolean neverTerminate;
  /** Steps before the first reset instead of throwing IllegalStateException. */
  boolean stepBeforeReset;
  private long resets;
  private int x;
  private boolean ended = true;
  private final float[] shared = new float[1];

  @Override
  public float[] reset(long seed) {
    long s = ignoreSeed ? resets : seed;
    resets++;
    x = new SplittableRandom(s).nextInt(3) - 1;
    ended = false;
    return obs();
  }

  @Override
  public Step<float[]> step(Integer action) {
    if (!acceptAnyAction && !ACT.contains(action)) {
      throw new IllegalArgumentException("walk: bad action " + action);
    }
    if (ended && (resets == 0 ? !stepBeforeReset : !continueAfterEnd)) {
      throw new IllegalStateException("walk: reset first");
    }
    x += (action != null && action == 1) ? 1 : -1;
    x = Math.max(-3, Math.min(3, x));
    boolean term = !neverTerminate && Math.abs(x) >= 3;
    ended = term;
    return Step.of(obs(), x, term, false);
  }

  private float[] obs() {
    if (reuseObservation) {
      shared[0] = x;
      return shared;
    }
    return new float[] {x};
  }

  @Override
  public Space<float[]> observationSpace() {
    return OBS;
  }

  @Override
  public Space<Integer> actionSpace() {
    return ACT;
  }

  @Override
  public EnvSpec spec() {
    return SPEC;
  }

  @Override
  public void close() {}
}
