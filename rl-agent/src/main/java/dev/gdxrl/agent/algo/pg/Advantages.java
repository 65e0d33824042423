package dev.gdxrl.agent.algo.pg;

/**
 * Advantage and return estimators over a rollout stored time-major: entry {@code t * n + i} is
 * step {@code t} of env {@code i}, for {@code t < steps} and {@code i < n}.
 *
 * <p>Episode boundaries inside the rollout are handled per step, with termination and truncation
 * kept apart: after a terminated step nothing is bootstrapped (the value of the end state is 0);
 * after a truncated step (a time limit) the critic's value of the episode's final observation is
 * bootstrapped ({@code truncValues[t * n + i]}); in both cases nothing flows back from the next
 * episode. After the last step of the rollout, an unfinished episode bootstraps from {@code
 * lastValues[i]}, the critic's value of the env's current observation.
 */
public final class Advantages {
  private Advantages() {}

  /**
   * Generalised advantage estimation, GAE(gamma, lambda): {@code A_t = delta_t + gamma lambda
   * A_{t+1}} within an episode, where {@code delta_t = r_t + gamma V(s_{t+1}) - V(s_t)}. With
   * lambda = 1 the advantages are n-step returns minus V; with lambda = 0 one-step TD errors.
   * Writes advantages into {@code advOut} and the critic's targets {@code A + V} into {@code
   * retOut}.
   */
  public static void gae(
      int steps, int n, float[] rewards, float[] values, boolean[] terminated, boolean[] truncated,
      float[] truncValues, float[] lastValues, double gamma, double lambda,
      float[] advOut, float[] retOut) {
    check(steps, n, rewards, values, terminated, truncated, truncValues, lastValues);
    for (int i = 0; i < n; i++) {
      double next = 0; // A_{t+1}
      for (int t = steps - 1; t >= 0; t--) {
        int k = t * n + i;
        double nextValue;
        boolean carry;
        if (terminated[k]) {
          nextValue = 0;
          carry = false;
        } else if (truncated[k]) {
          nextValue = truncValues[k];
          carry = false;
        } else {
          nextValue = t == steps - 1 ? lastValues[i] : values[k + n];
          carry = t < steps - 1;
        }
        double delta = rewards[k] + gamma * nextValue - values[k];
        double adv = delta + (carry ? gamma * lambda * next : 0);
        advOut[k] = (float) adv;
        retOut[k] = (float) (adv + values[k]);
        next = adv;
      }
    }
  }

  /**
   * Discounted reward-to-go, {@code G_t = r_t + gamma G_{t+1}} within an episode (the REINFORCE
   * return): 0 after a terminated step, the critic's value of the final observation after a
   * truncated one, and {@code lastValues[i]} after the rollout's last step when the episode goes
   * on (pass zeros there to cut without bootstrapping). Writes {@code G} into {@code out}.
   */
  public static void rewardToGo(
      int steps, int n, float[] rewards, boolean[] terminated, boolean[] truncated,
      float[] truncValues, float[] lastValues, double gamma, float[] out) {
    check(steps, n, rewards, rewards, terminated, truncated, truncValues, lastValues);
    for (int i = 0; i < n; i++) {
      double g = lastValues[i];
      for (int t = steps - 1; t >= 0; t--) {
        int k = t * n + i;
        if (terminated[k]) {
          g = 0;
        } else if (truncated[k]) {
          g = truncValues[k];
        }
        g = rewards[k] + gamma * g;
        out[k] = (float) g;
      }
    }
  }

  /** Normalises {@code x[0..len)} in place to mean 0 and standard deviation 1 (eps 1e-8). */
  public static void normalize(float[] x, int len) {
    normalize(x, 0, 1, len);
  }

  /**
   * Normalises the {@code count} entries {@code x[offset + r * stride]} in place to mean 0 and
   * (sample) standard deviation 1, eps 1e-8: a column of row-major rows with {@code stride} the
   * row width.
   */
  public static void normalize(float[] x, int offset, int stride, int count) {
    double s = 0;
    for (int r = 0; r < count; r++) {
      s += x[offset + r * stride];
    }
    double mean = s / count;
    double ss = 0;
    for (int r = 0; r < count; r++) {
      double d = x[offset + r * stride] - mean;
      ss += d * d;
    }
    double std = Math.sqrt(ss / Math.max(1, count - 1));
    for (int r = 0; r < count; r++) {
      int k = offset + r * stride;
      x[k] = (float) ((x[k] - mean) / (std + 1e-8));
    }
  }

  private static void check(int steps, int n, float[] rewards, float[] values,
      boolean[] terminated, boolean[] truncated, float[] truncValues, float[] lastValues) {
    int len = steps * n;
    if (steps < 1 || n < 1 || rewards.length < len || values.length < len
        || terminated.length < len || truncated.length < len || truncValues.length < len
        || lastValues.length < n) {
      throw new IllegalArgumentException(
          "rollout arrays too short for " + steps + " steps x " + n + " envs");
    }
  }
}
