package dev.gdxrl.agent.algo.pg;

import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;
import dev.gdxrl.registry.EnvRegistry;
import java.util.SplittableRandom;

/** Two tiny envs with known optimal policies, one discrete and one continuous, for the tests. */
final class TestEnvs {
  private TestEnvs() {}

  static final String SIGN = "sign";
  static final String POINT = "point";

  /** A registry holding {@code sign} (Discrete(2)) and {@code point} (Box(1)). */
  static EnvRegistry registry() {
    EnvRegistry r = new EnvRegistry();
    r.register(new EnvRegistry.Entry(new EnvSpec(SIGN, 20, 20), SignEnv::new, null,
        "say the sign of the observation"));
    r.register(new EnvRegistry.Entry(new EnvSpec(POINT, 20, 0), PointEnv::new, null,
        "drive a point to the origin"));
    return r;
  }

  /**
   * Observation: +1 or -1 at random; action 1 for +1 and 0 for -1 earns 1, the other earns 0.
   * Never terminates (the registry's time limit of 20 truncates), so the optimum is 20.
   */
  static final class SignEnv implements Env<float[], Integer> {
    private static final Box OBS = Box.uniform(1, -1, 1);
    private SplittableRandom rng = new SplittableRandom(0);
    private float sign;

    @Override
    public float[] reset(long seed) {
      rng = new SplittableRandom(seed);
      sign = rng.nextBoolean() ? 1 : -1;
      return new float[] {sign};
    }

    @Override
    public Step<float[]> step(Integer action) {
      if (action == null || action < 0 || action > 1) {
        throw new IllegalArgumentException("action " + action);
      }
      double r = (action == 1) == (sign > 0) ? 1 : 0;
      sign = rng.nextBoolean() ? 1 : -1;
      return Step.of(new float[] {sign}, r, false, false);
    }

    @Override
    public Space<float[]> observationSpace() {
      return OBS;
    }

    @Override
    public Space<Integer> actionSpace() {
      return new Discrete(2);
    }

    @Override
    public EnvSpec spec() {
      return new EnvSpec(SIGN, 20, 20);
    }

    @Override
    public void close() {}
  }

  /**
   * A point on [-2, 2] starting uniformly in [-1, 1]; the action in [-1, 1] moves it by 0.25 a;
   * the reward is -|x| after the move. It terminates (reward +1) once |x| < 0.05; otherwise the
   * time limit of 20 truncates. Optimal: head for 0 at full speed.
   */
  static final class PointEnv implements Env<float[], float[]> {
    private static final Box OBS = Box.uniform(1, -2, 2);
    private static final Box ACT = Box.uniform(1, -1, 1);
    private float x;

    @Override
    public float[] reset(long seed) {
      x = (float) (new SplittableRandom(seed).nextDouble() * 2 - 1);
      return new float[] {x};
    }

    @Override
    public Step<float[]> step(float[] action) {
      if (!ACT.contains(action)) {
        throw new IllegalArgumentException("action outside [-1, 1]");
      }
      x = Math.max(-2, Math.min(2, x + 0.25f * action[0]));
      boolean done = Math.abs(x) < 0.05;
      return Step.of(new float[] {x}, done ? 1 : -Math.abs(x), done, false);
    }

    @Override
    public Space<float[]> observationSpace() {
      return OBS;
    }

    @Override
    public Space<float[]> actionSpace() {
      return ACT;
    }

    @Override
    public EnvSpec spec() {
      return new EnvSpec(POINT, 20, 0);
    }

    @Override
    public void close() {}
  }
}
