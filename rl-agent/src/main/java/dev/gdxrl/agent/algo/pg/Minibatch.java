package dev.gdxrl.agent.algo.pg;

/**
 * A minibatch of rollout entries, as the gradient step reads it: per row the (normalised)
 * observation, the action, its log-probability under the policy that collected it, the
 * advantage, the return (the critic's target) and the critic's value at collection time.
 *
 * <p>The rows live in one row-major float block that the caller owns and reuses (so the
 * autograd path uploads a minibatch with one native copy); this record names the columns, and
 * nothing else reads the block by offset.
 *
 * @param rows the block, at least {@code size * width()} floats
 * @param size rows in this minibatch
 * @param obsDim observation width
 * @param actionWidth action width: the number of actions for a one-hot discrete action, the
 *     action dimension for a continuous one
 */
public record Minibatch(float[] rows, int size, int obsDim, int actionWidth) {
  /** Columns after the observation and the action: old log-prob, advantage, return, old value. */
  static final int TAIL = 4;

  public Minibatch {
    if (size < 1 || obsDim < 1 || actionWidth < 1
        || rows.length < (long) size * (obsDim + actionWidth + TAIL)) {
      throw new IllegalArgumentException("minibatch of " + size + " rows of " + obsDim + " + "
          + actionWidth + " + " + TAIL + " floats does not fit in " + rows.length);
    }
  }

  /** Floats per row. */
  public int width() {
    return obsDim + actionWidth + TAIL;
  }

  /** Column of the old log-probability; the action's columns end here. */
  int oldLogpColumn() {
    return obsDim + actionWidth;
  }

  /** Entry {@code j} of row {@code r}'s action (one-hot for a discrete action). */
  public float action(int r, int j) {
    return rows[r * width() + obsDim + j];
  }

  public float oldLogp(int r) {
    return rows[r * width() + oldLogpColumn()];
  }

  public float advantage(int r) {
    return rows[r * width() + oldLogpColumn() + 1];
  }

  /** The critic's target. */
  public float ret(int r) {
    return rows[r * width() + oldLogpColumn() + 2];
  }

  /** The critic's value when the rollout was collected. */
  public float oldValue(int r) {
    return rows[r * width() + oldLogpColumn() + 3];
  }

  /** Copies the observations, {@code size x obsDim} row-major, into {@code dst}. */
  public void observations(float[] dst) {
    observations(0, size, dst);
  }

  /** Copies the observations of rows [from, to), row-major, into {@code dst} from index 0. */
  public void observations(int from, int to, float[] dst) {
    int w = width();
    for (int r = from; r < to; r++) {
      System.arraycopy(rows, r * w, dst, (r - from) * obsDim, obsDim);
    }
  }

  /**
   * Normalises the advantages to mean 0 and standard deviation 1 (sample SD, eps 1e-8), as
   * Stable-Baselines3's PPO does per minibatch; a single row is left as it is.
   */
  public void normalizeAdvantages() {
    if (size < 2) {
      return;
    }
    Advantages.normalize(rows, oldLogpColumn() + 1, width(), size);
  }
}
