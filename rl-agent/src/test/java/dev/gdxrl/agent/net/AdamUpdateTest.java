package dev.gdxrl.agent.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The shared host Adam kernel: the textbook update, and no moment left in the subnormal range. */
class AdamUpdateTest {

  @Test
  void matchesTheTextbookUpdateInDouble() {
    int n = 50;
    SplittableRandom rng = new SplittableRandom(3);
    float[] w = new float[n];
    float[] m = new float[n];
    float[] v = new float[n];
    double[] wd = new double[n];
    double[] md = new double[n];
    double[] vd = new double[n];
    for (int k = 0; k < n; k++) {
      w[k] = (float) rng.nextGaussian();
      wd[k] = w[k];
    }
    float[] g = new float[n];
    double lr = 1e-2;
    for (int t = 1; t <= 40; t++) {
      for (int k = 0; k < n; k++) {
        g[k] = (float) rng.nextGaussian();
      }
      AdamStep.adamUpdate(w, g, m, v, n, 0.5f, (float) lr, 1e-8f, t);
      for (int k = 0; k < n; k++) {
        double gk = 0.5 * g[k];
        md[k] = 0.9 * md[k] + 0.1 * gk;
        vd[k] = 0.999 * vd[k] + 0.001 * gk * gk;
        double mhat = md[k] / (1 - Math.pow(0.9, t));
        double vhat = vd[k] / (1 - Math.pow(0.999, t));
        wd[k] -= lr * mhat / (Math.sqrt(vhat) + 1e-8);
      }
    }
    for (int k = 0; k < n; k++) {
      assertThat((double) w[k]).isCloseTo(wd[k], within(1e-4));
    }
  }

  @Test
  void momentsOfAParameterWithoutGradientGoToZeroNotToSubnormals() {
    // one parameter learns, then its gradient is exactly zero for good (a dead ReLU unit); without
    // the flush its first moment decays into the subnormal range and stays there (0.9 x a few
    // ulps rounds back to itself), which makes every later step slow on Intel cores
    int n = 8;
    float[] w = new float[n];
    float[] m = new float[n];
    float[] v = new float[n];
    float[] g = new float[n];
    float[] live = {1e-3f, -2e-3f, 5e-4f, 1e-3f, 0f, 3e-3f, -1e-3f, 2e-3f};
    long t = 0;
    for (int s = 0; s < 100; s++) {
      AdamStep.adamUpdate(w, live, m, v, n, 1f, 1e-3f, 1e-8f, ++t);
    }
    float[] before = w.clone();
    for (int s = 0; s < 30_000; s++) {
      AdamStep.adamUpdate(w, g, m, v, n, 1f, 1e-3f, 1e-8f, ++t);
      for (int k = 0; k < n; k++) {
        assertThat(Math.abs(m[k]) == 0f || Math.abs(m[k]) >= Float.MIN_NORMAL)
            .as("m[%d] = %s at step %d", k, m[k], t).isTrue();
        assertThat(v[k] == 0f || v[k] >= Float.MIN_NORMAL)
            .as("v[%d] = %s at step %d", k, v[k], t).isTrue();
      }
    }
    for (int k = 0; k < n; k++) {
      assertThat(m[k]).isZero();
      // the weights moved on while the moments were large, then stopped
      assertThat(Math.abs(w[k] - before[k])).isLessThan(0.1f);
    }
  }
}
