package dev.gdxrl.agent.testenv;

import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;
import dev.gdxrl.registry.EnvRegistry;
import java.util.SplittableRandom;

/**
 * "Your own game" for the tests: a point on a line moves to a target. Observation (position,
 * target), both in [-1, 1], drawn from the reset seed. Discrete(3) moves by -0.1, 0, +0.1; the
 * continuous variant moves by 0.1 * a for a in Box(-1, 1)^1. Reward -|position - target| per
 * step; reaching within 0.05 terminates; 40 steps truncate. No Box2D, fully deterministic.
 */
public final class ReachTargetEnv implements Env<float[], Object> {
  public static final String DISCRETE_ID = "reach-target";
  public static final String CONTINUOUS_ID = "reach-target-continuous";

  private final boolean continuous;
  private final EnvSpec spec;
  private float x;
  private float target;

  public ReachTargetEnv(boolean continuous) {
    this.continuous = continuous;
    this.spec = new EnvSpec(continuous ? CONTINUOUS_ID : DISCRETE_ID, 40, 0);
  }

  /** A registry holding only the two variants: no shipped game is in it. */
  public static EnvRegistry registry() {
    EnvRegistry r = new EnvRegistry();
    r.register(new EnvRegistry.Entry(new ReachTargetEnv(false).spec(),
        () -> new ReachTargetEnv(false), null, "move to the target (3 actions)"));
    r.register(new EnvRegistry.Entry(new ReachTargetEnv(true).spec(),
        () -> new ReachTargetEnv(true), null, "move to the target (continuous)"));
    return r;
  }

  @Override
  public float[] reset(long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    x = (float) (rng.nextDouble() * 2 - 1);
    target = (float) (rng.nextDouble() * 2 - 1);
    return new float[] {x, target};
  }

  @Override
  public Step<float[]> step(Object action) {
    float move = continuous ? 0.1f * Math.max(-1f, Math.min(1f, ((float[]) action)[0]))
        : 0.1f * (((Integer) action) - 1);
    x = Math.max(-1f, Math.min(1f, x + move));
    float d = Math.abs(x - target);
    return Step.of(new float[] {x, target}, -d, d < 0.05f, false);
  }

  @Override
  public Space<float[]> observationSpace() {
    return Box.uniform(2, -1, 1);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Space<Object> actionSpace() {
    Space<?> s = continuous ? Box.uniform(1, -1, 1) : new Discrete(3);
    return (Space<Object>) s;
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public void close() {}
}
