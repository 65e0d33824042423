package dev.gdxrl.agent.algo.pg;

import java.util.Arrays;

/**
 * One on-policy rollout of {@code steps} vector steps of {@code n} envs, in primitive arrays on the
 * host, time-major (entry {@code t * n + i}). Actions are stored as floats ({@code actDim} per
 * entry; a discrete action is one float holding its index), so that a minibatch is packed into one
 * float array and uploaded once.
 *
 * <p>For each entry: the (normalised) observation the policy saw, the action it sampled (unclipped
 * for continuous actions), the reward, the critic's value, the log-probability of the action,
 * whether the step terminated or truncated the episode, and, for a truncated step, the critic's
 * value of the episode's final observation. {@link #computeGae} and {@link #computeRewardToGo}
 * fill the advantages and returns.
 */
public final class RolloutBuffer {
  private final int steps;
  private final int n;
  private final int obsDim;
  private final int actDim;
  final float[] obs;
  final float[] actions;
  final float[] rewards;
  final float[] values;
  final float[] logProbs;
  final boolean[] terminated;
  final boolean[] truncated;
  final float[] truncValues;
  final float[] advantages;
  final float[] returns;
  private final int oneHotClasses;
  private int t;

  /** A buffer whose packed minibatches carry the stored action floats as they are. */
  public RolloutBuffer(int steps, int n, int obsDim, int actDim) {
    this(steps, n, obsDim, actDim, 0);
  }

  /**
   * @param oneHotClasses when > 0 (discrete actions, actDim 1), {@link #pack} writes each action
   *     as a one-hot row of this many floats, so the loss picks log-probabilities with a
   *     multiply instead of an index conversion and a gather
   */
  public RolloutBuffer(int steps, int n, int obsDim, int actDim, int oneHotClasses) {
    if (steps < 1 || n < 1 || obsDim < 1 || actDim < 1) {
      throw new IllegalArgumentException("rollout buffer needs positive sizes, got steps=" + steps
          + " n=" + n + " obsDim=" + obsDim + " actDim=" + actDim);
    }
    this.steps = steps;
    this.n = n;
    this.obsDim = obsDim;
    this.actDim = actDim;
    if (oneHotClasses > 0 && actDim != 1) {
      throw new IllegalArgumentException("one-hot packing needs actDim 1, got " + actDim);
    }
    this.oneHotClasses = oneHotClasses;
    int len = steps * n;
    obs = new float[len * obsDim];
    actions = new float[len * actDim];
    rewards = new float[len];
    values = new float[len];
    logProbs = new float[len];
    terminated = new boolean[len];
    truncated = new boolean[len];
    truncValues = new float[len];
    advantages = new float[len];
    returns = new float[len];
  }

  public int steps() {
    return steps;
  }

  public int envs() {
    return n;
  }

  public int size() {
    return steps * n;
  }

  public int obsDim() {
    return obsDim;
  }

  public int actDim() {
    return actDim;
  }

  /** Vector steps stored since the last {@link #clear()}. */
  public int filled() {
    return t;
  }

  public boolean full() {
    return t == steps;
  }

  public void clear() {
    t = 0;
    Arrays.fill(truncValues, 0f);
  }

  /**
   * Counts {@code k} more vector steps as stored: a collector wrote them straight into the arrays
   * (package-private, entry {@code t * n + i}), as {@link ShardedRollout} does from its threads.
   */
  void advance(int k) {
    if (k < 0 || t + k > steps) {
      throw new IllegalStateException("rollout holds " + t + " of " + steps + " steps, cannot add "
          + k);
    }
    t += k;
  }

  /** Forgets every vector step after the first {@code filled}. */
  void truncateTo(int filled) {
    if (filled < 0 || filled > t) {
      throw new IllegalArgumentException("cannot keep " + filled + " of " + t + " steps");
    }
    Arrays.fill(truncValues, filled * n, t * n, 0f);
    t = filled;
  }

  /**
   * Stores the policy's side of one vector step: observations {@code obsFlat} (n x obsDim,
   * row-major), actions (n x actDim), values and log-probabilities (n each).
   */
  public void addPolicyStep(float[] obsFlat, float[] actFlat, float[] vals, float[] logps) {
    if (t >= steps) {
      throw new IllegalStateException("rollout buffer is full (" + steps + " steps)");
    }
    System.arraycopy(obsFlat, 0, obs, t * n * obsDim, n * obsDim);
    System.arraycopy(actFlat, 0, actions, t * n * actDim, n * actDim);
    System.arraycopy(vals, 0, values, t * n, n);
    System.arraycopy(logps, 0, logProbs, t * n, n);
  }

  /**
   * Stores the env's side of the same vector step and advances: rewards and end flags (n each).
   * Truncated entries get their bootstrap value through {@link #setTruncValue} before this call
   * or after it (with {@code t} of the step).
   */
  public void addEnvStep(double[] rew, boolean[] term, boolean[] trunc) {
    int base = t * n;
    for (int i = 0; i < n; i++) {
      rewards[base + i] = (float) rew[i];
      terminated[base + i] = term[i];
      truncated[base + i] = trunc[i];
    }
    t++;
  }

  /** The critic's value of env i's final observation at the current (not yet advanced) step. */
  public void setTruncValue(int i, float v) {
    truncValues[t * n + i] = v;
  }

  /** GAE(lambda) advantages and returns; {@code lastValues}: V of each env's current obs. */
  public void computeGae(float[] lastValues, double gamma, double lambda) {
    requireFull();
    Advantages.gae(steps, n, rewards, values, terminated, truncated, truncValues, lastValues,
        gamma, lambda, advantages, returns);
  }

  /** Reward-to-go returns, and advantages {@code G - V} (the REINFORCE baseline). */
  public void computeRewardToGo(float[] lastValues, double gamma) {
    requireFull();
    Advantages.rewardToGo(steps, n, rewards, terminated, truncated, truncValues, lastValues, gamma,
        returns);
    for (int k = 0; k < size(); k++) {
      advantages[k] = returns[k] - values[k];
    }
  }

  private void requireFull() {
    if (t != steps) {
      throw new IllegalStateException("rollout holds " + t + " of " + steps + " steps");
    }
  }

  public float advantage(int k) {
    return advantages[k];
  }

  public float ret(int k) {
    return returns[k];
  }

  public float reward(int k) {
    return rewards[k];
  }

  /** Width of one packed row: obs, actions, old log-prob, advantage, return, old value. */
  public int packedWidth() {
    return obsDim + packedActionWidth() + 4;
  }

  /** Width of the packed action: one-hot over {@code oneHotClasses} or the stored floats. */
  public int packedActionWidth() {
    return oneHotClasses > 0 ? oneHotClasses : actDim;
  }

  /**
   * Packs the entries {@code idx[from..from+count)} into {@code dst} row-major, one row of
   * {@link #packedWidth()} floats each: obs, actions, old log-prob, advantage, return, old value.
   */
  public void pack(int[] idx, int from, int count, float[] dst) {
    int w = packedWidth();
    for (int r = 0; r < count; r++) {
      int k = idx[from + r];
      int o = r * w;
      System.arraycopy(obs, k * obsDim, dst, o, obsDim);
      o += obsDim;
      if (oneHotClasses > 0) {
        Arrays.fill(dst, o, o + oneHotClasses, 0f);
        dst[o + (int) actions[k]] = 1f;
        o += oneHotClasses;
      } else {
        System.arraycopy(actions, k * actDim, dst, o, actDim);
        o += actDim;
      }
      dst[o] = logProbs[k];
      dst[o + 1] = advantages[k];
      dst[o + 2] = returns[k];
      dst[o + 3] = values[k];
    }
  }
}
