package dev.gdxrl.agent.algo.tabular;

import dev.gdxrl.env.Box;
import java.util.Arrays;

/**
 * Maps a continuous observation to one table row: each dimension is cut into equal bins between
 * its bounds (values outside fall into the first or last bin) and the bin indices are combined in
 * mixed radix. Bounds come from the observation space or are given, which CartPole's infinite
 * velocity bounds need.
 */
public final class Discretiser {
  private final int[] bins;
  private final float[] low;
  private final float[] scale;
  private final int states;

  /**
   * @param bins bins per dimension (1 ignores a dimension)
   * @param low lower bounds, or null for the space's
   * @param high upper bounds, or null for the space's
   */
  public Discretiser(Box space, int[] bins, double[] low, double[] high) {
    int d = space.dim();
    if (bins.length != d) {
      throw new IllegalArgumentException(
          "bins has " + bins.length + " entries, the observation has " + d + " dimensions");
    }
    if ((low != null && low.length != d) || (high != null && high.length != d)) {
      throw new IllegalArgumentException("low/high must have " + d + " entries (one per dimension)");
    }
    this.bins = bins.clone();
    this.low = new float[d];
    this.scale = new float[d];
    long n = 1;
    for (int i = 0; i < d; i++) {
      if (bins[i] < 1) {
        throw new IllegalArgumentException("bins must be >= 1, got " + bins[i] + " for dimension "
            + i);
      }
      double lo = low != null ? low[i] : space.low(i);
      double hi = high != null ? high[i] : space.high(i);
      if (bins[i] > 1 && !(Double.isFinite(lo) && Double.isFinite(hi) && lo < hi)) {
        throw new IllegalArgumentException("dimension " + i + " has bounds [" + lo + ", " + hi
            + "]; give finite low/high for it (qtable config keys low, high)");
      }
      this.low[i] = (float) lo;
      this.scale[i] = bins[i] > 1 ? (float) (bins[i] / (hi - lo)) : 0f;
      n *= bins[i];
      if (n > MAX_ROWS) {
        double rows = 1;
        for (int b : bins) {
          rows *= b;
        }
        throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
            "the Q-table would have %.3g rows (bins %s over %d observation dimensions), more"
                + " than the %,d it may have: set fewer bins, one per dimension, e.g. --set"
                + " bins=[%s] (1 ignores a dimension), or use dqn or ppo for this env",
            rows, Arrays.toString(bins), d, MAX_ROWS, suggestion(d)));
      }
    }
    this.states = (int) n;
  }

  /** The most table rows a Q-table may have. */
  public static final int MAX_ROWS = 50_000_000;

  private static String suggestion(int dims) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < dims; i++) {
      sb.append(i == 0 ? "" : ",").append(dims <= 4 ? 10 : 4);
    }
    return sb.toString();
  }

  /** Number of table rows. */
  public int states() {
    return states;
  }

  /** The row of {@code obs}. */
  public int index(float[] obs) {
    int idx = 0;
    for (int i = 0; i < bins.length; i++) {
      int b = (int) Math.floor((obs[i] - low[i]) * scale[i]);
      b = Math.max(0, Math.min(bins[i] - 1, b));
      idx = idx * bins[i] + b;
    }
    return idx;
  }
}
