package dev.gdxrl.agent.algo.pg;

import ai.djl.ndarray.NDArray;
import java.util.random.RandomGenerator;

/**
 * The categorical distribution over {@code k} actions given by unnormalised logits: host-side
 * methods for acting (one row of a batch, at an offset, no allocation) and NDArray methods for the
 * loss (a batch, differentiable).
 */
public final class Categorical {
  private Categorical() {}

  /** {@code log softmax(logits)[action]} for the row {@code logits[off .. off+k)}. */
  public static double logProb(float[] logits, int off, int k, int action) {
    return logits[off + action] - logSumExp(logits, off, k);
  }

  /** Entropy {@code -sum p log p} of the row. */
  public static double entropy(float[] logits, int off, int k) {
    double lse = logSumExp(logits, off, k);
    double h = 0;
    for (int a = 0; a < k; a++) {
      double lp = logits[off + a] - lse;
      h -= Math.exp(lp) * lp;
    }
    return h;
  }

  /** Writes the row's probabilities into {@code out[0..k)}. */
  public static float[] probs(float[] logits, int off, int k, float[] out) {
    double lse = logSumExp(logits, off, k);
    for (int a = 0; a < k; a++) {
      out[a] = (float) Math.exp(logits[off + a] - lse);
    }
    return out;
  }

  /** Draws an action by inverting the cumulative distribution with one uniform from {@code rng}. */
  public static int sample(float[] logits, int off, int k, RandomGenerator rng) {
    return sample(logits, off, k, rng.nextDouble());
  }

  /** The action whose cumulative probability first exceeds {@code u} (one uniform draw). */
  public static int sample(float[] logits, int off, int k, double u) {
    double lse = logSumExp(logits, off, k);
    double c = 0;
    for (int a = 0; a < k - 1; a++) {
      c += Math.exp(logits[off + a] - lse);
      if (u < c) {
        return a;
      }
    }
    return k - 1;
  }

  /** The most probable action (lowest index on ties): the deterministic policy. */
  public static int argmax(float[] logits, int off, int k) {
    int best = 0;
    for (int a = 1; a < k; a++) {
      if (logits[off + a] > logits[off + best]) {
        best = a;
      }
    }
    return best;
  }

  /** log sum_a exp(x[off + a]) over k entries, shifted by the maximum. */
  static double logSumExp(float[] x, int off, int k) {
    double m = Double.NEGATIVE_INFINITY;
    for (int a = 0; a < k; a++) {
      m = Math.max(m, x[off + a]);
    }
    double s = 0;
    for (int a = 0; a < k; a++) {
      s += Math.exp(x[off + a] - m);
    }
    return m + Math.log(s);
  }

  /**
   * Log-probabilities (B, 1) of actions given one-hot (B, k), from the rows' log-softmax (B, k):
   * a multiply and a sum, no index conversion.
   */
  public static NDArray logProb(NDArray logSoftmax, NDArray oneHot) {
    return logSoftmax.mul(oneHot).sum(new int[] {1}, true);
  }

  /**
   * {@code sum over rows and actions of p log p} (a scalar): minus the batch's summed entropy.
   * The loss scales it by {@code ent_coef / B}, so the sign and the mean cost no extra call.
   */
  public static NDArray negEntropySum(NDArray logSoftmax) {
    return logSoftmax.exp().mul(logSoftmax).sum();
  }
}
