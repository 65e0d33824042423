package dev.gdxrl.agent.algo.pg;

import ai.djl.ndarray.NDArray;
import java.util.random.RandomGenerator;

/**
 * The diagonal Gaussian policy for {@code Box} actions: a state-dependent mean from the actor and
 * a learned, state-independent log standard deviation per action dimension. Host-side methods act
 * on one row at an offset without allocating; NDArray methods compute the loss terms for a batch.
 *
 * <p>The env receives the sample clipped to the space's bounds, but the buffer keeps the unclipped
 * sample and its log-probability, so the ratio and the gradient refer to the distribution the
 * sample really came from (as Stable-Baselines3 does).
 */
public final class DiagGaussian {
  /** {@code 0.5 * log(2 pi)}. */
  public static final double HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

  private DiagGaussian() {}

  /** {@code log N(x | mean, exp(logStd)^2)} summed over the {@code d} dimensions of the row. */
  public static double logProb(float[] mean, int meanOff, float[] logStd, float[] x, int xOff,
      int d) {
    double s = 0;
    for (int j = 0; j < d; j++) {
      double z = (x[xOff + j] - mean[meanOff + j]) / Math.exp(logStd[j]);
      s += -0.5 * z * z - logStd[j] - HALF_LOG_2PI;
    }
    return s;
  }

  /** Entropy {@code sum_j (0.5 + 0.5 log(2 pi) + logStd_j)}; independent of the mean. */
  public static double entropy(float[] logStd) {
    double h = 0;
    for (float ls : logStd) {
      h += 0.5 + HALF_LOG_2PI + ls;
    }
    return h;
  }

  /** Writes {@code mean + exp(logStd) * eps}, eps standard normal from {@code rng}, into out. */
  public static void sample(float[] mean, int meanOff, float[] logStd, int d, RandomGenerator rng,
      float[] out, int outOff) {
    for (int j = 0; j < d; j++) {
      out[outOff + j] = (float) (mean[meanOff + j] + Math.exp(logStd[j]) * rng.nextGaussian());
    }
  }

  /** As {@link #sample(float[], int, float[], int, RandomGenerator, float[], int)} with the d
   * standard normal draws given ({@code noise[noiseOff..+d)}). */
  public static void sample(float[] mean, int meanOff, float[] logStd, int d, double[] noise,
      int noiseOff, float[] out, int outOff) {
    for (int j = 0; j < d; j++) {
      out[outOff + j] = (float) (mean[meanOff + j] + Math.exp(logStd[j]) * noise[noiseOff + j]);
    }
  }

  /**
   * Log-probabilities (B, 1) of actions (B, d) under means (B, d) and log-std (d).
   *
   * <p>The factor -1/2 is an array on {@code actions}' manager, not {@code mul(-0.5)}: DJL makes
   * a number operand a CPU tensor over a direct buffer and closes it at once, while autograd keeps
   * it for the backward pass (the gradient of a product needs the other factor); a garbage
   * collection before the backward then frees that memory under the saved tensor, and the
   * gradient reads whatever lies there (the autograd path was not reproducible under full GCs).
   * Operands whose backward does not need them (add, sub, clip) may stay numbers.
   */
  public static NDArray logProb(NDArray mean, NDArray logStd, NDArray actions) {
    NDArray z = actions.sub(mean).mul(logStd.neg().exp());
    long d = mean.getShape().get(1);
    NDArray minusHalf = actions.getManager().create(-0.5f);
    return z.square().sum(new int[] {1}, true).mul(minusHalf)
        .sub(logStd.sum().add(d * HALF_LOG_2PI));
  }

  /** Entropy (scalar) of the Gaussian with log-std (d). */
  public static NDArray entropy(NDArray logStd) {
    return logStd.add(0.5 + HALF_LOG_2PI).sum();
  }
}
