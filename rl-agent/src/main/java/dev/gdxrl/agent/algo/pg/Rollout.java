package dev.gdxrl.agent.algo.pg;

/**
 * The updates' view of a collected rollout (a full {@link RolloutBuffer}): advantage and return
 * estimates, minibatches, and the critic's explained variance. Collection writes the buffer;
 * updates read it through this view only.
 */
public final class Rollout {
  private final RolloutBuffer buffer;

  Rollout(RolloutBuffer buffer) {
    this.buffer = buffer;
  }

  /** Entries in the rollout: vector steps x envs. */
  public int size() {
    return buffer.size();
  }

  /**
   * Fills advantages and returns by GAE(gamma, lambda); {@code lastValues}: the critic's values
   * of the envs' observations after the rollout.
   */
  public void computeGae(float[] lastValues, double gamma, double lambda) {
    buffer.computeGae(lastValues, gamma, lambda);
  }

  /** Fills returns with the discounted reward-to-go and advantages with {@code G - V}. */
  public void computeRewardToGo(float[] lastValues, double gamma) {
    buffer.computeRewardToGo(lastValues, gamma);
  }

  /** Normalises the advantages of the whole rollout (mean 0, standard deviation 1). */
  public void normalizeAdvantages() {
    Advantages.normalize(buffer.advantages, buffer.size());
  }

  /** Rows of a minibatch block: the caller's reusable array for {@code rows} entries. */
  public float[] newBlock(int rows) {
    return new float[rows * buffer.packedWidth()];
  }

  /**
   * The entries {@code order[from..from+count)} as a minibatch written into {@code block} (from
   * {@link #newBlock}).
   */
  public Minibatch minibatch(int[] order, int from, int count, float[] block) {
    buffer.pack(order, from, count, block);
    return new Minibatch(block, count, buffer.obsDim(), buffer.packedActionWidth());
  }

  /** {@code 0, 1, ..., size - 1}: the order of the entries as collected. */
  public int[] identityOrder() {
    int[] order = new int[size()];
    for (int k = 0; k < order.length; k++) {
      order[k] = k;
    }
    return order;
  }

  /** 1 - Var(R - V) / Var(R) over the rollout: how much of the returns the critic explains. */
  public double explainedVariance() {
    int len = buffer.size();
    float[] returns = buffer.returns;
    float[] values = buffer.values;
    double sr = 0;
    double sd = 0;
    for (int k = 0; k < len; k++) {
      sr += returns[k];
      sd += returns[k] - values[k];
    }
    double mr = sr / len;
    double md = sd / len;
    double vr = 0;
    double vd = 0;
    for (int k = 0; k < len; k++) {
      double a = returns[k] - mr;
      double b = returns[k] - values[k] - md;
      vr += a * a;
      vd += b * b;
    }
    return vr == 0 ? Double.NaN : 1 - vd / vr;
  }
}
