package dev.gdxrl.agent.net;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * Global gradient-norm clipping, the one implementation every optimiser uses (DQN's {@link
 * AdamStep}, the policy-gradient {@code PgOptimizer}): PyTorch's {@code clip_grad_norm_}, which
 * Stable-Baselines3 calls, multiplies every gradient by {@code min(1, maxNorm / (norm + 1e-6))},
 * where {@code norm} is the Euclidean norm of all gradients together.
 */
public final class GradClip {
  private GradClip() {}

  /**
   * The sum of squares of {@code g[0..n)}: eight interleaved sums in double (eight independent
   * chains keep the floating-point units busy; a single sum is one long dependency chain), added
   * in a fixed order, so the result depends only on the values.
   */
  public static double sumOfSquares(float[] g, int n) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    double s4 = 0;
    double s5 = 0;
    double s6 = 0;
    double s7 = 0;
    int i = 0;
    for (; i + 7 < n; i += 8) {
      s0 += (double) g[i] * g[i];
      s1 += (double) g[i + 1] * g[i + 1];
      s2 += (double) g[i + 2] * g[i + 2];
      s3 += (double) g[i + 3] * g[i + 3];
      s4 += (double) g[i + 4] * g[i + 4];
      s5 += (double) g[i + 5] * g[i + 5];
      s6 += (double) g[i + 6] * g[i + 6];
      s7 += (double) g[i + 7] * g[i + 7];
    }
    for (; i < n; i++) {
      s0 += (double) g[i] * g[i];
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
  }

  /** The Euclidean norm of the host gradient {@code g[0..n)}. */
  public static double norm(float[] g, int n) {
    return Math.sqrt(sumOfSquares(g, n));
  }

  /** The Euclidean norm of device gradients, all together (one native reduction each). */
  public static double norm(List<NDArray> grads) {
    double sumSq = 0;
    for (NDArray g : grads) {
      double x = g.norm().getFloat();
      sumSq += x * x;
    }
    return Math.sqrt(sumSq);
  }

  /** The factor that clips gradients of norm {@code norm} to {@code maxNorm}; 1 when off (0). */
  public static float scale(double norm, double maxNorm) {
    return maxNorm > 0 ? (float) Math.min(1.0, maxNorm / (norm + 1e-6)) : 1f;
  }
}
