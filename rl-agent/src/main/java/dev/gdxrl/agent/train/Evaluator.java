package dev.gdxrl.agent.train;

import dev.gdxrl.control.Policy;
import dev.gdxrl.env.Env;
import dev.gdxrl.env.Step;

/** Runs whole episodes with a fixed policy and reports the undiscounted returns. */
public final class Evaluator {
  private Evaluator() {}

  /**
   * Mean and spread of {@code episodes} episode returns of {@code policy} in {@code env}, episode
   * k reset with {@link Seeds#evaluation}(seed, stream, k).
   */
  public static <A> Returns run(Env<float[], A> env, Policy<float[], A> policy, int episodes,
      long seed, long stream) {
    double[] returns = new double[episodes];
    long steps = 0;
    for (int k = 0; k < episodes; k++) {
      float[] obs = env.reset(Seeds.evaluation(seed, stream, k));
      policy.reset();
      double total = 0;
      while (true) {
        Step<float[]> s = env.step(policy.act(obs));
        total += s.reward();
        steps++;
        if (s.done()) {
          break;
        }
        obs = s.observation();
      }
      returns[k] = total;
    }
    return new Returns(returns, steps);
  }

  /** Returns of evaluation episodes. */
  public record Returns(double[] values, long steps) {
    public Returns {
      values = values.clone();
    }

    @Override
    public double[] values() {
      return values.clone();
    }

    public int episodes() {
      return values.length;
    }

    public double mean() {
      double s = 0;
      for (double v : values) {
        s += v;
      }
      return values.length == 0 ? Double.NaN : s / values.length;
    }

    /** Population standard deviation. */
    public double std() {
      double m = mean();
      double s = 0;
      for (double v : values) {
        s += (v - m) * (v - m);
      }
      return values.length == 0 ? Double.NaN : Math.sqrt(s / values.length);
    }
  }
}
