package dev.gdxrl.agent.testenv;

import dev.gdxrl.env.Box;
import dev.gdxrl.env.Discrete;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.EnvSpec;
import dev.gdxrl.env.Space;
import dev.gdxrl.env.Step;

/**
 * A deterministic chain of {@code n} states with one-hot observations: action 1 moves right,
 * action 0 moves left (bounded at 0). Reaching state {@code n-1} pays 1 and terminates; every
 * other step pays 0. Episodes start in state 0. With discount gamma, Q*(s, right) =
 * gamma^(n-2-s) and Q*(s, left) = gamma * V*(max(s-1, 0)).
 */
public final class ChainEnv implements Env<float[], Integer> {
  private final int n;
  private final EnvSpec spec;
  private int s;

  public ChainEnv(int n, String id) {
    this.n = n;
    this.spec = new EnvSpec(id, 4 * n, 1);
  }

  /** Q*(s, a) for discount {@code gamma}. */
  public static double qStar(int n, int s, int a, double gamma) {
    double right = Math.pow(gamma, n - 2 - s);
    if (a == 1) {
      return right;
    }
    int left = Math.max(s - 1, 0);
    return gamma * Math.pow(gamma, n - 2 - left);
  }

  @Override
  public float[] reset(long seed) {
    s = 0;
    return obs();
  }

  private float[] obs() {
    float[] o = new float[n];
    o[s] = 1;
    return o;
  }

  @Override
  public Step<float[]> step(Integer action) {
    s = action == 1 ? s + 1 : Math.max(0, s - 1);
    boolean end = s == n - 1;
    return Step.of(obs(), end ? 1 : 0, end, false);
  }

  @Override
  public Space<float[]> observationSpace() {
    return Box.uniform(n, 0, 1);
  }

  @Override
  public Space<Integer> actionSpace() {
    return new Discrete(2);
  }

  @Override
  public EnvSpec spec() {
    return spec;
  }

  @Override
  public void close() {}
}
